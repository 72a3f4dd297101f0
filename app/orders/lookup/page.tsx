import type { Metadata } from "next";
import Link from "next/link";
import { GuestLookupForm } from "@/components/orders/guest-lookup-form";

export const metadata: Metadata = { title: "비회원 주문조회", robots: { index: false } };

export default function GuestLookupPage() {
  return (
    <div className="mx-auto max-w-md space-y-6 py-4">
      <div className="space-y-2">
        <h1 className="text-2xl font-black">비회원 주문조회</h1>
        <p className="text-stone-700">주문 완료 화면의 주문번호와 주문할 때 입력한 휴대폰 번호로 주문을 볼 수 있어요.</p>
      </div>
      <div className="rounded-2xl border border-stone-200 bg-white p-5 sm:p-6">
        <GuestLookupForm />
      </div>
      <p className="text-sm text-stone-700">
        주문번호를 잊었다면{" "}
        <Link href="/support" className="font-semibold text-brand-700 underline">
          고객센터
        </Link>
        로 문의해 주세요.
      </p>
    </div>
  );
}
