import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { redirect } from "next/navigation";
import { BUY_NOW_COOKIE } from "@/lib/cart-cookie";
import { ORDER_ACCESS_COOKIE } from "@/lib/orders/access";
import { failQuerySchema, resolveFailRedirect } from "@/lib/orders/fail";

export const metadata: Metadata = { title: "결제 결과", robots: { index: false } };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// Toss's fail redirect (DESIGN.md step 5): lib decides, the page shows the store's own words.
export default async function FailPage({ searchParams }: Props) {
  const query = failQuerySchema.parse(await searchParams);
  const jar = await cookies();
  const outcome = await resolveFailRedirect(query, jar.get(ORDER_ACCESS_COOKIE)?.value, undefined, jar.get(BUY_NOW_COOKIE)?.value);
  if (outcome.kind === "order") redirect(`/orders/${encodeURIComponent(outcome.orderId)}?notice=already-paid`);
  const { failure, retryHref } = outcome;
  return (
    <div className="mx-auto max-w-lg py-8 sm:py-12">
      <div className="rounded-2xl border border-stone-200 bg-white p-6 shadow-sm sm:p-8">
        <p className={`text-sm font-semibold ${failure.canceledByShopper ? "text-stone-600" : "text-red-700"}`}>
          {failure.canceledByShopper ? "결제 취소" : "결제 미완료"}
        </p>
        <h1 className="mt-2 text-2xl font-black">{failure.title}</h1>
        <p className="mt-4 text-stone-700" data-testid="fail-message">
          {failure.hint}
        </p>
        <p className="mt-4 text-xs text-stone-600">
          문의할 때 알려 주세요: <code data-testid="fail-code">{failure.code}</code>
        </p>
        <div className="mt-8 flex flex-wrap gap-3">
          <Link href={retryHref} className="inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
            다시 결제하기
          </Link>
          <Link href="/cart" className="inline-flex min-h-11 items-center rounded-lg border border-stone-300 px-4 py-2 font-semibold hover:bg-stone-50">
            장바구니로 돌아가기
          </Link>
        </div>
      </div>
    </div>
  );
}
