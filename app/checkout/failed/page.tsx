import type { Metadata } from "next";
import Link from "next/link";
import { BUY_NOW_RETRY_HREF, describeFailure, failQuerySchema } from "@/lib/orders/fail";

export const metadata: Metadata = { title: "결제 결과", robots: { index: false } };
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// Where /fail (app/fail/route.ts) leads once the order is settled: the store's own words for the
// code, nothing else from the link, and no write.
export default async function CheckoutFailedPage({ searchParams }: Props) {
  const params = await searchParams;
  const failure = describeFailure(failQuerySchema.parse(params).code);
  // Set by /fail only for a 바로 구매 of this browser; anything else retries the cart.
  const retryHref = params.retry === "buy-now" ? BUY_NOW_RETRY_HREF : "/checkout";
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
