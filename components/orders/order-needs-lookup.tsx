import Link from "next/link";

// An order page opens only in the browser that placed the order (and for the store's staff).
// Anyone else — another browser, a link sent to oneself — is sent to 비회원 주문조회, whether or
// not the order exists, so the page tells nobody which order numbers do.
export function OrderNeedsLookup() {
  return (
    <div className="mx-auto max-w-md py-12 text-center">
      <h1 className="text-2xl font-bold">비회원 주문조회로 주문을 열어 주세요</h1>
      <p className="mt-3 text-stone-700">
        주문 내역은 주문한 브라우저에서만 바로 열려요. 다른 기기나 브라우저에서는 주문번호와 주문할 때 적은 휴대폰 번호로 찾을 수 있어요.
      </p>
      <Link href="/orders/lookup" className="mt-6 inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
        비회원 주문조회
      </Link>
    </div>
  );
}
