import type { Metadata } from "next";
import Link from "next/link";
import { requireAdmin } from "@/app/admin/access";
import { TrackingUploadForm } from "./upload-form";

export const metadata: Metadata = { title: "송장 일괄 등록" };

export default async function TrackingUploadPage() {
  await requireAdmin({ from: "/admin/orders/tracking-upload" });
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <Link href="/admin/orders" className="text-sm font-semibold text-brand-700 hover:underline">
          ← 주문 목록
        </Link>
        <h1 className="text-2xl font-black">송장 일괄 등록</h1>
        <p className="text-stone-700">택배사 시스템에서 받은 파일을 올리면, 줄마다 결과를 먼저 보여 드리고 모두 맞을 때 한꺼번에 발송 처리해요.</p>
        <p className="text-stone-700">
          예시 파일: <a href="/examples/tracking-upload.csv" className="font-semibold text-brand-700 underline">tracking-upload.csv</a>
        </p>
      </header>
      <TrackingUploadForm />
    </div>
  );
}
