import Link from "next/link";

/** A missing order, product or address inside the back office: said in its own layout, not the storefront's. */
export default function AdminNotFound() {
  return (
    <div className="max-w-xl space-y-3 rounded-2xl border border-stone-200 bg-white p-6">
      <h1 className="text-2xl font-black">찾는 화면이 없어요</h1>
      <p className="text-stone-700">주소가 틀렸거나, 주문이나 상품이 없어졌을 수 있어요.</p>
      <Link href="/admin" className="inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 text-sm font-bold text-white hover:bg-brand-700">
        대시보드로 가기
      </Link>
    </div>
  );
}
