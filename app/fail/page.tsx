import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { ORDER_ACCESS_COOKIE } from "@/lib/orders/access";
import { describeFailure, failPendingOrder, failQuerySchema } from "@/lib/orders/fail";

export const metadata: Metadata = { title: "결제 실패", robots: { index: false } };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// Toss's fail redirect (DESIGN.md step 5). React escapes the message: it is shown as text only.
export default async function FailPage({ searchParams }: Props) {
  const query = failQuerySchema.parse(await searchParams);
  await failPendingOrder(query, (await cookies()).get(ORDER_ACCESS_COOKIE)?.value);
  const failure = describeFailure(query.code, query.message);
  return (
    <div className="mx-auto max-w-lg py-12">
      <div className="rounded-2xl border border-stone-200 bg-white p-8 shadow-sm">
        <p className="text-sm font-semibold text-red-600">결제 실패</p>
        <h1 className="mt-2 text-2xl font-black">{failure.title}</h1>
        <p className="mt-4 text-stone-700" data-testid="fail-message">
          {failure.message}
        </p>
        <p className="mt-2 text-sm text-stone-500">{failure.hint}</p>
        <p className="mt-1 text-sm text-stone-400" lang="en">
          {failure.en}
        </p>
        <p className="mt-4 text-xs text-stone-400">
          오류 코드 <code data-testid="fail-code">{failure.code}</code>
        </p>
        <div className="mt-8 flex flex-wrap gap-3">
          <Link href="/checkout" className="rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
            다시 결제하기
          </Link>
          <Link href="/cart" className="rounded-lg border border-stone-300 px-4 py-2 font-semibold hover:bg-stone-50">
            장바구니로 돌아가기
          </Link>
        </div>
      </div>
    </div>
  );
}
