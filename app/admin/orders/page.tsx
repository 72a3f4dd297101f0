import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { StatusBadge } from "@/components/admin/status-badge";
import { db } from "@/db/client";
import { orderStatuses } from "@/db/schema";
import { COUNT_CAP, filtersToSearchParams, listOrders, ORDER_SORTS, parseOrderFilters, PAYMENT_METHODS, type OrderFilters } from "@/lib/admin/orders";
import { requireAdmin } from "@/app/admin/access";
import { hasRole } from "@/lib/auth/roles";
import { formatKoreanDateTime, formatPhone } from "@/lib/format";
import { formatKRW } from "@/lib/money";
import { ORDER_STATUS_TEXT } from "@/lib/orders/view";

export const metadata: Metadata = { title: "주문" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const input = "rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm focus:border-brand-600 focus:outline-none";

export default async function AdminOrdersPage({ searchParams }: Props) {
  const user = await requireAdmin({ from: "/admin/orders" });
  const filters = parseOrderFilters(await searchParams);
  const exportHref = `/admin/orders/export?${filtersToSearchParams(filters)}`;
  return (
    <div className="space-y-5">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-black">주문</h1>
        {hasRole(user, "owner") ? (
          <a href={exportHref} className="rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm font-semibold hover:border-brand-600 hover:text-brand-600" download>
            CSV 내려받기
          </a>
        ) : null}
      </header>

      <form method="get" role="search" className="grid gap-3 rounded-2xl border border-stone-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4">
        <label className="text-xs font-semibold text-stone-600 sm:col-span-2">
          검색 (주문번호, 이름, 이메일, 휴대폰)
          <input name="q" type="search" defaultValue={filters.q ?? ""} placeholder="010-1234-5678" className={`${input} mt-1 block w-full`} />
        </label>
        <label className="text-xs font-semibold text-stone-600">
          상태
          <select name="status" defaultValue={filters.status ?? ""} className={`${input} mt-1 block w-full`}>
            <option value="">전체</option>
            {orderStatuses.map((s) => (
              <option key={s} value={s}>
                {ORDER_STATUS_TEXT[s].label}
              </option>
            ))}
          </select>
        </label>
        <label className="text-xs font-semibold text-stone-600">
          결제 수단
          <select name="method" defaultValue={filters.method ?? ""} className={`${input} mt-1 block w-full`}>
            <option value="">전체</option>
            {PAYMENT_METHODS.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <label className="text-xs font-semibold text-stone-600">
          주문일 (부터)
          <input name="from" type="date" defaultValue={filters.from ?? ""} className={`${input} mt-1 block w-full`} />
        </label>
        <label className="text-xs font-semibold text-stone-600">
          주문일 (까지)
          <input name="to" type="date" defaultValue={filters.to ?? ""} className={`${input} mt-1 block w-full`} />
        </label>
        <label className="text-xs font-semibold text-stone-600">
          정렬
          <select name="sort" defaultValue={filters.sort} className={`${input} mt-1 block w-full`}>
            {Object.entries(ORDER_SORTS).map(([value, { label }]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <div className="flex items-end gap-2">
          <button type="submit" className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-bold text-white hover:bg-brand-700">
            찾기
          </button>
          <Link href="/admin/orders" className="px-2 py-2 text-sm text-stone-600 hover:underline">
            초기화
          </Link>
        </div>
      </form>

      <Suspense key={JSON.stringify(filters)} fallback={<OrdersTableSkeleton />}>
        <OrdersTable filters={filters} />
      </Suspense>
    </div>
  );
}

async function OrdersTable({ filters }: { filters: OrderFilters }) {
  const page = await listOrders(db, filters);
  const pageHref = (cursor: Record<string, string>) => `/admin/orders?${filtersToSearchParams(filters, cursor)}`;
  return (
    <div className="space-y-3">
      <p className="text-sm text-stone-600" data-testid="orders-total">
        {page.total > COUNT_CAP ? `${COUNT_CAP.toLocaleString("ko-KR")}건 이상` : `${page.total.toLocaleString("ko-KR")}건`}
      </p>
      <div className="overflow-x-auto rounded-2xl border border-stone-200 bg-white">
        <table className="w-full min-w-[56rem] text-left text-sm">
          <thead className="border-b border-stone-200 text-stone-500">
            <tr>
              <th className="px-4 py-2 font-medium">주문 일시</th>
              <th className="px-4 py-2 font-medium">주문번호</th>
              <th className="px-4 py-2 font-medium">고객</th>
              <th className="px-4 py-2 font-medium">상품</th>
              <th className="px-4 py-2 font-medium">결제 수단</th>
              <th className="px-4 py-2 font-medium">상태</th>
              <th className="px-4 py-2 text-right font-medium">금액</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {page.rows.map((row) => (
              <tr key={row.id} className="hover:bg-stone-50">
                <td className="px-4 py-2 whitespace-nowrap">{formatKoreanDateTime(row.createdAt)}</td>
                <td className="px-4 py-2 font-mono text-xs">
                  <Link href={`/admin/orders/${row.orderId}`} className="text-brand-700 hover:underline">
                    {row.orderId}
                  </Link>
                </td>
                <td className="px-4 py-2">
                  {row.customerName}
                  <span className="block text-xs text-stone-500">{formatPhone(row.customerPhone)}</span>
                </td>
                <td className="px-4 py-2">{row.orderName}</td>
                <td className="px-4 py-2">{row.method ?? "-"}</td>
                <td className="px-4 py-2">
                  <StatusBadge status={row.status} />
                </td>
                <td className="px-4 py-2 text-right tabular-nums">{formatKRW(row.amount)}</td>
              </tr>
            ))}
            {page.rows.length === 0 ? (
              <tr>
                <td colSpan={7} className="px-4 py-10 text-center text-stone-500">
                  조건에 맞는 주문이 없어요.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <nav aria-label="페이지" className="flex items-center justify-between text-sm font-semibold">
        {page.previous ? (
          <Link href={pageHref({ before: page.previous })} className="text-brand-600 hover:underline">
            ← 이전
          </Link>
        ) : (
          <span />
        )}
        {page.next ? (
          <Link href={pageHref({ after: page.next })} className="text-brand-600 hover:underline">
            다음 →
          </Link>
        ) : null}
      </nav>
    </div>
  );
}

function OrdersTableSkeleton() {
  return (
    <div className="space-y-3" aria-busy="true" aria-label="주문을 불러오는 중">
      <p className="h-5 w-16 animate-pulse rounded bg-stone-200" />
      <div className="space-y-2 rounded-2xl border border-stone-200 bg-white p-4">
        {Array.from({ length: 10 }, (_, i) => (
          <div key={i} className="h-8 animate-pulse rounded bg-stone-100" />
        ))}
      </div>
    </div>
  );
}
