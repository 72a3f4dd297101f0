import type { Metadata } from "next";
import Link from "next/link";
import { requireAdmin } from "@/app/admin/access";
import { ProductForm } from "../product-form";

export const metadata: Metadata = { title: "상품 등록" };

export default async function NewProductPage() {
  await requireAdmin({ role: "owner", from: "/admin/products/new" });
  return (
    <div className="max-w-2xl space-y-4">
      <p className="text-sm text-stone-500">
        <Link href="/admin/products" className="hover:underline">
          상품
        </Link>{" "}
        / 새 상품
      </p>
      <h1 className="text-2xl font-black">상품 등록</h1>
      <section className="rounded-2xl border border-stone-200 bg-white p-6">
        <ProductForm />
      </section>
    </div>
  );
}
