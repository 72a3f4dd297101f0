import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/db/client";
import { requireAdmin } from "@/app/admin/access";
import { hasRole } from "@/lib/auth/roles";
import { formatKRW } from "@/lib/money";
import { listProductsForAdmin } from "@/lib/products/admin";

export const metadata: Metadata = { title: "상품" };

const STOCK_STATE = {
  SOLD_OUT: { label: "품절", tone: "bg-red-50 text-red-800" },
  LOW: { label: "재고 적음", tone: "bg-amber-50 text-amber-900" },
  IN_STOCK: { label: "재고 있음", tone: "bg-emerald-50 text-emerald-800" },
} as const;

export default async function AdminProductsPage() {
  const user = await requireAdmin({ from: "/admin/products" });
  const rows = await listProductsForAdmin(db);
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-black">상품</h1>
        {hasRole(user, "owner") ? (
          <Link href="/admin/products/new" className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-bold text-white hover:bg-brand-700">
            상품 등록
          </Link>
        ) : null}
      </header>
      <div className="overflow-x-auto rounded-2xl border border-stone-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="bg-stone-50 text-stone-600">
            <tr>
              <th className="px-4 py-2 font-medium">상품</th>
              <th className="px-4 py-2 text-right font-medium">가격</th>
              <th className="px-4 py-2 text-right font-medium">재고</th>
              <th className="px-4 py-2 font-medium">상태</th>
              <th className="px-4 py-2 text-right font-medium">30일 판매</th>
              <th className="px-4 py-2 text-right font-medium">30일 매출</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {rows.map((row) => (
              <tr key={row.id} data-testid="admin-product-row">
                <td className="px-4 py-2">
                  <Link href={`/admin/products/${row.id}`} className="font-semibold hover:underline">
                    {row.name}
                  </Link>
                  <span className="block font-mono text-xs text-stone-500">/products/{row.slug}</span>
                </td>
                <td className="px-4 py-2 text-right tabular-nums">{formatKRW(row.price)}</td>
                <td className="px-4 py-2 text-right tabular-nums">{row.stock.toLocaleString("ko-KR")}</td>
                <td className="px-4 py-2">
                  <span className={`rounded-full px-2 py-0.5 text-xs font-bold ${STOCK_STATE[row.stockState].tone}`}>{STOCK_STATE[row.stockState].label}</span>
                  {row.active ? null : <span className="ml-1 rounded-full bg-stone-200 px-2 py-0.5 text-xs font-bold text-stone-700">판매 중지</span>}
                </td>
                <td className="px-4 py-2 text-right tabular-nums">{row.unitsSold30d.toLocaleString("ko-KR")}개</td>
                <td className="px-4 py-2 text-right tabular-nums">{formatKRW(row.revenue30d)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-stone-500">30일 판매: 결제 완료·부분 취소 주문의 수량에서 환불로 재고에 돌아간 수량을 뺀 값입니다.</p>
    </div>
  );
}
