import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ProductImage } from "@/components/product/product-image";
import { db } from "@/db/client";
import { requireAdmin } from "@/app/admin/access";
import { hasRole } from "@/lib/auth/roles";
import { formatKoreanDateTime } from "@/lib/format";
import { formatKRW } from "@/lib/money";
import { getAdminProduct } from "@/lib/products/admin-view";
import { ProductForm } from "../product-form";
import { StockForm } from "../stock-form";

export const metadata: Metadata = { title: "상품 관리" };

type Props = { params: Promise<{ productId: string }>; searchParams: Promise<{ created?: string }> };

const EVENT_LABEL: Record<string, string> = { CREATED: "등록", UPDATED: "수정", STOCK_ADJUSTED: "재고 증감", STOCK_SET: "재고 지정", RESTOCKED_BY_REFUND: "환불 재입고" };

export default async function AdminProductPage({ params, searchParams }: Props) {
  const { productId } = await params;
  const user = await requireAdmin({ from: `/admin/products/${productId}` });
  const detail = /^\d{1,9}$/.test(productId) ? await getAdminProduct(db, Number(productId)) : null;
  if (!detail) notFound();
  const { product, oldSlugs, events } = detail;
  const owner = hasRole(user, "owner");
  const created = (await searchParams).created === "1";

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div className="space-y-1">
          <p className="text-sm text-stone-500">
            <Link href="/admin/products" className="hover:underline">
              상품
            </Link>{" "}
            / <span className="font-mono">{product.slug}</span>
          </p>
          <h1 className="text-2xl font-black">{product.name}</h1>
          <p className="text-sm text-stone-600">
            {formatKRW(product.price)} · 재고 <span data-testid="product-stock">{product.stock.toLocaleString("ko-KR")}</span>개 · {product.active ? "판매 중" : "판매 중지"}
          </p>
          {created ? <p role="status" className="text-sm font-semibold text-emerald-700">상품을 등록했어요.</p> : null}
        </div>
        {product.active ? (
          <Link href={`/products/${product.slug}`} className="text-sm font-semibold text-brand-600 hover:underline">
            상점에서 보기
          </Link>
        ) : null}
      </header>

      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <section aria-label="상품 정보" className="rounded-2xl border border-stone-200 bg-white p-6">
          <h2 className="mb-3 text-lg font-bold">상품 정보</h2>
          {owner ? (
            <ProductForm product={{ id: product.id, name: product.name, slug: product.slug, description: product.description, price: product.price, image: product.image, active: product.active, maxPerOrder: product.maxPerOrder, maxPerShopper: product.maxPerShopper }} />
          ) : (
            <p className="text-sm text-stone-600">상품 정보(가격, 주소, 이미지, 판매 여부)는 점주 계정만 바꿀 수 있어요. 재고는 오른쪽에서 바꿀 수 있어요.</p>
          )}
          {oldSlugs.length > 0 ? <p className="mt-3 text-xs text-stone-500">예전 주소 (새 주소로 이동): {oldSlugs.map((s) => `/products/${s}`).join(", ")}</p> : null}
        </section>
        <div className="space-y-6">
          <div className="relative aspect-square overflow-hidden rounded-2xl bg-stone-100">
            <ProductImage src={product.image} alt={product.name} />
          </div>
          <section aria-label="재고 변경" className="rounded-2xl border border-stone-200 bg-white p-6">
            <h2 className="mb-3 text-lg font-bold">재고 변경</h2>
            <StockForm productId={product.id} stock={product.stock} />
          </section>
        </div>
      </div>

      <section aria-label="상품 기록" className="rounded-2xl border border-stone-200 bg-white p-6 text-sm">
        <h2 className="mb-3 text-lg font-bold">기록</h2>
        <table className="w-full text-left" data-testid="product-events">
          <thead className="text-stone-500">
            <tr>
              <th className="py-1 font-medium">일시</th>
              <th className="py-1 font-medium">종류</th>
              <th className="py-1 text-right font-medium">변동</th>
              <th className="py-1 text-right font-medium">재고</th>
              <th className="py-1 font-medium">사유</th>
              <th className="py-1 font-medium">누가</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {events.map((event) => (
              <tr key={event.id}>
                <td className="py-1.5">{formatKoreanDateTime(event.createdAt)}</td>
                <td className="py-1.5">{EVENT_LABEL[event.type] ?? event.type}</td>
                <td className="py-1.5 text-right tabular-nums">{event.delta > 0 ? `+${event.delta}` : event.delta}</td>
                <td className="py-1.5 text-right tabular-nums">{event.stockAfter ?? "-"}</td>
                <td className="py-1.5">{event.reason}</td>
                <td className="py-1.5">{event.actor}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
