import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { StatusBadge } from "@/components/admin/status-badge";
import { CopyButton } from "@/components/orders/copy-button";
import { db } from "@/db/client";
import { orderStatuses } from "@/db/schema";
import { COUNT_CAP, filtersToSearchParams, listOrders, ORDER_QUEUES, ORDER_SORTS, PAGE_SIZE, PAGE_SIZES, parseOrderFilters, PAYMENT_METHODS, queueCounts, type OrderFilters, type OrderQueue } from "@/lib/admin/orders";
import { bulkFulfillmentAction } from "./actions";
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
  const params = await searchParams;
  const filters = parseOrderFilters(params);
  const notice = typeof params.notice === "string" ? params.notice.slice(0, 200) : null;
  const exportHref = `/admin/orders/export?${filtersToSearchParams(filters)}`;
  const counts = await queueCounts(db);
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

      <nav aria-label="주문 처리 단계" className="flex flex-wrap gap-2 text-sm">
        <Link href="/admin/orders" aria-current={!filters.queue ? "page" : undefined} className={tab(!filters.queue)}>
          전체
        </Link>
        {(Object.entries(ORDER_QUEUES) as [OrderQueue, (typeof ORDER_QUEUES)[OrderQueue]][]).map(([name, queue]) => (
          <Link key={name} href={`/admin/orders?queue=${name}`} aria-current={filters.queue === name ? "page" : undefined} className={tab(filters.queue === name)} data-testid={`queue-${name}`}>
            {queue.label} <span className="tabular-nums">{counts[name].toLocaleString("ko-KR")}</span>
          </Link>
        ))}
        <span className="ml-auto flex flex-wrap gap-2">
          <Link href="/admin/orders/tracking-upload" className={tab(false)}>
            송장 일괄 등록
          </Link>
          <a href="/admin/orders/shipping-list" className={tab(false)} download>
            발송 목록 (.xlsx)
          </a>
        </span>
      </nav>

      {notice ? (
        <p role="status" data-testid="orders-notice" className="rounded-lg bg-emerald-50 px-4 py-3 text-sm font-semibold text-emerald-800">
          {notice}
        </p>
      ) : null}

      <form method="get" role="search" className="grid gap-3 rounded-2xl border border-stone-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4">
        <label className="text-xs font-semibold text-stone-700 sm:col-span-2">
          검색 (주문번호, 이름 앞부분, 이메일, 휴대폰)
          <input name="q" type="search" defaultValue={filters.q ?? ""} placeholder="261207-FJHN46, 김토, 010-1234-5678" className={`${input} mt-1 block w-full`} />
        </label>
        <label className="text-xs font-semibold text-stone-700">
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
        <label className="text-xs font-semibold text-stone-700">
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
        <label className="text-xs font-semibold text-stone-700">
          주문일 (부터)
          <input name="from" type="date" defaultValue={filters.from ?? ""} className={`${input} mt-1 block w-full`} />
        </label>
        <label className="text-xs font-semibold text-stone-700">
          주문일 (까지)
          <input name="to" type="date" defaultValue={filters.to ?? ""} className={`${input} mt-1 block w-full`} />
        </label>
        <label className="text-xs font-semibold text-stone-700">
          정렬
          <select name="sort" defaultValue={filters.sort} className={`${input} mt-1 block w-full`}>
            {Object.entries(ORDER_SORTS).map(([value, { label }]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="text-xs font-semibold text-stone-700">
          한 쪽에
          <select name="size" defaultValue={String(filters.size ?? PAGE_SIZE)} className={`${input} mt-1 block w-full`}>
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}건씩
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-end gap-2 pb-2 text-xs font-semibold text-stone-700">
          <input type="checkbox" name="attempts" value="1" defaultChecked={filters.attempts === "1"} className="h-4 w-4 accent-brand-600" />
          결제하지 않은 시도도 보기
        </label>
        {filters.queue ? <input type="hidden" name="queue" value={filters.queue} /> : null}
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

function tab(current: boolean): string {
  return `inline-flex min-h-10 items-center gap-1 rounded-full border px-3 font-semibold ${current ? "border-brand-700 bg-brand-700 text-white" : "border-stone-300 bg-white text-stone-800 hover:border-brand-600"}`;
}

// Below md the table's rows stack as cards, so a phone never scrolls sideways.
const cell = "block px-4 py-1 md:table-cell md:py-2";

async function OrdersTable({ filters }: { filters: OrderFilters }) {
  const page = await listOrders(db, filters);
  const pageHref = (cursor: Record<string, string>) => `/admin/orders?${filtersToSearchParams(filters, cursor)}`;
  const pageLink = "inline-flex min-h-11 items-center px-2 text-brand-700 hover:underline";
  const back = `/admin/orders?${filtersToSearchParams(filters)}`;
  return (
    <div className="space-y-3">
      <form id="bulk" action={bulkFulfillmentAction} className="flex flex-wrap items-center gap-2 text-sm">
        <input type="hidden" name="back" value={back} />
        <span className="text-stone-700">고른 주문을</span>
        <button type="submit" name="action" value="accept" className="rounded-lg border border-stone-300 bg-white px-3 py-2 font-semibold hover:border-brand-600">
          발주 확인
        </button>
        <button type="submit" name="action" value="deliver" className="rounded-lg border border-stone-300 bg-white px-3 py-2 font-semibold hover:border-brand-600">
          배송 완료
        </button>
      </form>
      <p className="text-sm text-stone-700" data-testid="orders-total">
        {page.total > COUNT_CAP ? `${COUNT_CAP.toLocaleString("ko-KR")}건 이상` : `${page.total.toLocaleString("ko-KR")}건`}
      </p>
      <div className="rounded-2xl border border-stone-200 bg-white">
        <table className="block w-full text-left text-sm md:table">
          <thead className="hidden border-b border-stone-200 text-stone-700 md:table-header-group">
            <tr>
              <th className="px-4 py-2 font-medium">
                <span className="sr-only">고르기</span>
              </th>
              <th className="px-4 py-2 font-medium">주문 일시</th>
              <th className="px-4 py-2 font-medium">주문번호</th>
              <th className="px-4 py-2 font-medium">고객</th>
              <th className="px-4 py-2 font-medium">상품</th>
              <th className="px-4 py-2 font-medium">결제 수단</th>
              <th className="px-4 py-2 font-medium">상태</th>
              <th className="px-4 py-2 text-right font-medium">금액</th>
            </tr>
          </thead>
          <tbody className="block divide-y divide-stone-100 md:table-row-group">
            {page.rows.map((row) => (
              <tr key={row.id} data-testid="admin-order-row" className="block py-2 hover:bg-stone-50 md:table-row md:py-0">
                <td className={cell}>
                  <input type="checkbox" name="orderId" value={row.orderId} form="bulk" aria-label={`${row.orderNumber ?? row.orderId} 고르기`} className="h-5 w-5 accent-brand-600" />
                </td>
                <td className={`${cell} whitespace-nowrap text-stone-700 md:text-stone-900`}>{formatKoreanDateTime(row.createdAt)}</td>
                <td className={cell}>
                  <Link href={`/admin/orders/${row.orderId}`} className="font-mono font-bold text-brand-700 hover:underline">
                    {row.orderNumber ?? row.orderId}
                  </Link>
                  {row.orderNumber ? (
                    <span className="mt-0.5 flex flex-wrap items-center gap-x-2 text-xs text-stone-700">
                      <span className="min-w-0 break-all">
                        내부 번호 <span className="font-mono">{row.orderId}</span>
                      </span>
                      <CopyButton value={row.orderId} label="내부 번호 복사" />
                    </span>
                  ) : null}
                </td>
                <td className={cell}>
                  {row.customerName}
                  <span className="ml-2 text-xs whitespace-nowrap text-stone-700 md:ml-0 md:block">{formatPhone(row.customerPhone)}</span>
                </td>
                <td className={`${cell} break-words`}>{row.orderName}</td>
                <td className={cell}>
                  <span className="md:hidden">결제 수단 </span>
                  {row.method ?? "-"}
                </td>
                <td className={cell}>
                  <StatusBadge status={row.status} />
                </td>
                <td className={`${cell} font-semibold tabular-nums md:text-right md:font-normal`}>{formatKRW(row.amount)}</td>
              </tr>
            ))}
            {page.rows.length === 0 ? (
              <tr className="block md:table-row">
                <td colSpan={8} className="block px-4 py-10 text-center text-stone-700 md:table-cell">
                  조건에 맞는 주문이 없어요.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <nav aria-label="페이지" className="flex flex-wrap items-center justify-between gap-2 text-sm font-semibold">
        <span className="flex gap-1">
          {page.previous ? (
            <>
              <Link href={pageHref({})} className={pageLink}>
                « 처음
              </Link>
              <Link href={pageHref({ before: page.previous })} className={pageLink}>
                ← 이전
              </Link>
            </>
          ) : null}
        </span>
        <span className="flex gap-1">
          {page.next ? (
            <>
              <Link href={pageHref({ after: page.next })} className={pageLink}>
                다음 →
              </Link>
              <Link href={pageHref({ page: "last" })} className={pageLink}>
                마지막 »
              </Link>
            </>
          ) : null}
        </span>
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
