import type { Metadata } from "next";
import { text } from "@/lib/input";

export const metadata: Metadata = { title: "결제 확인 중", robots: { index: false } };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// Toss's success redirect lands here first: this page shows at once, and its refresh hands the
// query to /success, whose answer (the order page or /fail) replaces it when the confirm is done.
const FORWARDED = ["paymentKey", "orderId", "amount", "paymentType"] as const;
const part = text(200, "invalid").optional().catch(undefined);

export default async function PaymentProcessingPage({ searchParams }: Props) {
  const query = await searchParams;
  const forwarded = new URLSearchParams();
  for (const name of FORWARDED) {
    const value = part.parse(query[name]);
    if (value !== undefined) forwarded.set(name, value);
  }
  const target = `/success?${forwarded}`;
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <meta httpEquiv="refresh" content={`0;url=${target}`} />
      <div aria-hidden className="mx-auto h-12 w-12 animate-spin rounded-full border-4 border-brand-100 border-t-brand-600" />
      <div role="status">
        <h1 className="mt-6 text-2xl font-black">결제를 확인하고 있어요</h1>
        <p className="mt-3 text-stone-700">몇 초 걸릴 수 있어요. 이 화면을 닫거나 뒤로 가지 말고 기다려 주세요.</p>
      </div>
      <p className="mt-6 text-sm text-stone-600">
        화면이 바뀌지 않으면{" "}
        <a href={target} className="font-semibold text-brand-700 underline">
          결제 결과 보기
        </a>
        를 눌러 주세요.
      </p>
    </div>
  );
}
