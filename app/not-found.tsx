import Link from "next/link";

export const metadata = { title: "페이지를 찾을 수 없어요" };

export default function NotFound() {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <p className="text-sm font-semibold text-brand-700">404</p>
      <h1 className="mt-2 text-2xl font-bold">페이지를 찾을 수 없어요</h1>
      <p className="mt-3 text-stone-600">주소가 바뀌었거나 판매가 끝난 상품일 수 있어요.</p>
      <Link href="/" className="mt-6 inline-block rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
        상품 보러 가기
      </Link>
    </div>
  );
}
