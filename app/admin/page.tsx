import Link from "next/link";
import { SalesChart } from "@/components/admin/sales-chart";
import { StatusBadge } from "@/components/admin/status-badge";
import { db } from "@/db/client";
import { getDashboard } from "@/lib/admin/dashboard";
import { requireAdmin } from "@/app/admin/access";
import { formatKoreanDateTime } from "@/lib/format";
import { formatKRW } from "@/lib/money";
import { bankName } from "@/lib/payments/banks";

export const dynamic = "force-dynamic";

const CONFLICT_LABEL: Record<string, string> = {
  UNKNOWN_ORDER: "주문 없는 결제",
  UNPARSEABLE_PAYMENT: "읽을 수 없는 토스 응답",
  PAYMENT_MISMATCH: "주문과 맞지 않는 결제",
  REFUND_FAILED: "환불 실패",
};

function Card({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section aria-label={title} className="rounded-2xl border border-stone-200 bg-white p-5 text-sm">
      <h2 className="mb-3 text-base font-bold">{title}</h2>
      {children}
    </section>
  );
}

export default async function DashboardPage() {
  await requireAdmin({ from: "/admin" });
  const { summary, daily, byStatus, deposits, conflicts } = await getDashboard(db);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-black">대시보드</h1>

      <div className="grid gap-4 sm:grid-cols-3">
        {summary.map((period) => (
          <section key={period.label} aria-label={period.label} className="rounded-2xl border border-stone-200 bg-white p-5">
            <h2 className="text-sm font-semibold text-stone-600">{period.label}</h2>
            <p className="mt-1 text-2xl font-black tabular-nums">{formatKRW(period.revenue)}</p>
            <p className="mt-1 text-sm text-stone-600">
              결제 {period.paidOrders.toLocaleString("ko-KR")}건 · 주문 {period.placedOrders.toLocaleString("ko-KR")}건
            </p>
          </section>
        ))}
      </div>
      <p className="-mt-3 text-xs text-stone-600">매출은 결제 완료 시각 기준, 환불을 뺀 금액입니다 (한국 시간, 오늘 0시부터).</p>

      <Card title="최근 30일 매출">
        <SalesChart days={daily} />
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="결제 확인이 필요한 건">
          {conflicts.length === 0 ? (
            <p className="text-stone-600">없어요.</p>
          ) : (
            <ul className="divide-y divide-stone-100" data-testid="payment-conflicts">
              {conflicts.map((conflict) => (
                <li key={conflict.id} className="space-y-0.5 py-2">
                  <p className="font-semibold text-red-800">{CONFLICT_LABEL[conflict.kind] ?? conflict.kind}</p>
                  <p className="text-xs text-stone-600">
                    {formatKoreanDateTime(conflict.createdAt)} · {conflict.source} · 주문번호 <span className="font-mono">{conflict.orderId ?? "-"}</span>
                  </p>
                  {conflict.detail ? <p className="text-stone-700">{conflict.detail}</p> : null}
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card title="입금 대기 중인 가상계좌">
          {deposits.length === 0 ? (
            <p className="text-stone-600">없어요.</p>
          ) : (
            <ul className="divide-y divide-stone-100">
              {deposits.map((deposit) => (
                <li key={deposit.orderId} className="flex justify-between gap-3 py-2">
                  <Link href={`/admin/orders/${deposit.orderId}`} className="hover:underline">
                    {deposit.customerName} · {bankName(deposit.bankCode) ?? deposit.bankCode}
                    <span className="block text-xs text-stone-600">기한 {deposit.dueDate ? formatKoreanDateTime(deposit.dueDate) : "-"}</span>
                  </Link>
                  <span className="tabular-nums">{formatKRW(deposit.amount)}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>

      <Card title="상태별 주문">
        <ul className="flex flex-wrap gap-3">
          {byStatus.map(({ status, count }) => (
            <li key={status}>
              <Link href={`/admin/orders?status=${status}`} className="flex items-center gap-2 rounded-lg border border-stone-200 px-3 py-2 hover:border-brand-600">
                <StatusBadge status={status} />
                <span className="font-bold tabular-nums">{count.toLocaleString("ko-KR")}</span>
              </Link>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
