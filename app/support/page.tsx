import type { Metadata } from "next";
import Link from "next/link";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "고객센터" };

export default function SupportPage() {
  const { business } = env();
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-2xl font-black">고객센터</h1>
      <dl className="grid grid-cols-[5rem_1fr] gap-y-3 rounded-2xl border border-stone-200 bg-white p-5 sm:p-6">
        <dt className="text-stone-600">전화</dt>
        <dd>
          <a href={`tel:${business.phone.replace(/[^\d+]/g, "")}`} className="font-semibold underline">
            {business.phone}
          </a>
        </dd>
        <dt className="text-stone-600">이메일</dt>
        <dd className="break-all">
          <a href={`mailto:${business.email}`} className="font-semibold underline">
            {business.email}
          </a>
        </dd>
        <dt className="text-stone-600">상담 시간</dt>
        <dd>{business.hours}</dd>
      </dl>
      <section aria-labelledby="faq" className="space-y-3">
        <h2 id="faq" className="text-lg font-bold">
          자주 묻는 질문
        </h2>
        <details className="rounded-xl border border-stone-200 bg-white px-5 py-3">
          <summary className="min-h-8 cursor-pointer font-semibold">주문을 다시 보고 싶어요</summary>
          <p className="mt-2 text-stone-700">
            <Link href="/orders/lookup" className="font-semibold text-brand-700 underline">
              비회원 주문조회
            </Link>
            에서 주문번호와 휴대폰 번호를 입력하면 어느 기기에서든 볼 수 있어요.
          </p>
        </details>
        <details className="rounded-xl border border-stone-200 bg-white px-5 py-3">
          <summary className="min-h-8 cursor-pointer font-semibold">가상계좌 입금은 언제 확인되나요?</summary>
          <p className="mt-2 text-stone-700">입금하면 바로 확인되고, 주문 화면이 저절로 결제 완료로 바뀌어요.</p>
        </details>
        <details className="rounded-xl border border-stone-200 bg-white px-5 py-3">
          <summary className="min-h-8 cursor-pointer font-semibold">교환이나 반품은 어떻게 하나요?</summary>
          <p className="mt-2 text-stone-700">
            상품을 받은 날부터 7일 안에 고객센터로 알려 주세요. 자세한 기준은{" "}
            <Link href="/terms" className="font-semibold text-brand-700 underline">
              이용약관
            </Link>
            에 있어요.
          </p>
        </details>
      </section>
    </div>
  );
}
