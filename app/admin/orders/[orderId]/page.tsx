import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StatusBadge } from "@/components/admin/status-badge";
import { db } from "@/db/client";
import { getAdminOrder } from "@/lib/admin/order-detail";
import { requireAdmin } from "@/app/admin/access";
import { hasRole } from "@/lib/auth/roles";
import { formatKoreanDateTime, formatPhone } from "@/lib/format";
import { formatKRW } from "@/lib/money";
import { getRefundOptions } from "@/lib/orders/refunds-view";
import { BANKS } from "@/lib/payments/banks";
import { FulfillmentSection } from "@/components/orders/fulfillment-section";
import { getFulfillmentView } from "@/lib/fulfillment/view";
import { FulfillmentPanel } from "./fulfillment-panel";
import { NoteForm } from "./note-form";
import { RefundDialog } from "./refund-dialog";
import { CashReceiptSection } from "@/components/orders/cash-receipt";

export const metadata: Metadata = { title: "주문 상세" };

type Props = { params: Promise<{ orderId: string }> };

const OUTCOME_TONE: Record<string, string> = { processed: "text-emerald-700", duplicate: "text-stone-600", ignored: "text-stone-600", retry: "text-amber-700", error: "text-red-700", rejected: "text-red-700", invalid: "text-red-700" };

const CANCEL_STATUS_LABEL: Record<string, string> = { DONE: "완료", REQUESTED: "처리 중 (토스 응답 확인 중)", FAILED: "거절됨" };
const TRANSFER_LABEL: Record<string, string> = { NONE: "-", PENDING: "송금 중", COMPLETED: "송금 완료", FAILED: "송금 실패" };

function Section({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <section aria-label={title} data-testid={testId} className="rounded-2xl border border-stone-200 bg-white p-6 text-sm">
      <h2 className="text-lg font-bold">{title}</h2>
      <div className="mt-3">{children}</div>
    </section>
  );
}

function Fields({ rows }: { rows: [string, React.ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[9rem_1fr] gap-y-1.5">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-stone-600">{label}</dt>
          <dd className="break-all">{value || "-"}</dd>
        </div>
      ))}
    </dl>
  );
}

export default async function AdminOrderPage({ params }: Props) {
  const { orderId } = await params;
  const user = await requireAdmin({ from: `/admin/orders/${orderId}` });
  const detail = await getAdminOrder(db, orderId);
  if (!detail) notFound();
  const { order, items, payments, cancels, events, deliveries } = detail;
  const [refund, fulfillment] = await Promise.all([hasRole(user, "owner") ? getRefundOptions(db, order.orderId) : null, getFulfillmentView(db, order.orderId)]);
  const transferPending = cancels.some((c) => c.status === "DONE" && c.refundStatus === "PENDING");

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div className="space-y-1">
          <p className="text-sm text-stone-500">
            <Link href="/admin/orders" className="hover:underline">
              주문
            </Link>{" "}
            / <span className="font-mono">{order.orderId}</span>
            {order.orderNumber ? <span className="ml-2 font-mono font-semibold text-stone-700">주문번호 {order.orderNumber}</span> : null}
          </p>
          <h1 className="text-2xl font-black">{order.orderName}</h1>
          <p className="flex items-center gap-3">
            <StatusBadge status={order.status} />
            <span className="font-bold tabular-nums">{formatKRW(order.amount)}</span>
            <span className="text-stone-500">{formatKoreanDateTime(order.createdAt)} 주문</span>
          </p>
        </div>
        <Link href={`/orders/${order.orderId}`} className="text-sm font-semibold text-brand-600 hover:underline">
          고객 화면으로 보기
        </Link>
      </header>

      <div className="grid gap-6 lg:grid-cols-2">
        <Section title="주문 상품">
          <ul className="divide-y divide-stone-100">
            {items.map((item) => (
              <li key={item.id} className="flex justify-between gap-4 py-2">
                <span>
                  {item.productName} <span className="text-stone-500">× {item.quantity}</span>{" "}
                  <span className="text-stone-600">({formatKRW(item.unitPrice)})</span>
                </span>
                <span className="tabular-nums">{formatKRW(item.lineTotal)}</span>
              </li>
            ))}
          </ul>
          <p className="mt-2 flex justify-between border-t border-stone-200 pt-2">
            <span>배송비</span>
            <span className="tabular-nums" data-testid="admin-shipping-fee">
              {order.shippingFee === 0 ? "무료" : formatKRW(order.shippingFee)}
            </span>
          </p>
          <p className="mt-1 flex justify-between font-bold">
            <span>합계</span>
            <span className="tabular-nums">{formatKRW(order.amount)}</span>
          </p>
        </Section>

        <Section title="고객 · 배송">
          <Fields
            rows={[
              ["이름", order.customerName],
              ["이메일", order.customerEmail],
              ["휴대폰", formatPhone(order.customerPhone)],
              ["주소", `(${order.postcode}) ${order.address} ${order.addressDetail}`],
              ["배송 메모", order.deliveryMemo],
            ]}
          />
        </Section>
      </div>

      <Section title="결제" testId="admin-payment">
        {payments.length === 0 ? <p className="text-stone-500">결제 기록이 없어요.</p> : null}
        <div className="space-y-4">
          {payments.map((payment) => (
            <div key={payment.id} className="space-y-3">
              <Fields
                rows={[
                  ["결제 수단", payment.method],
                  ["결제사 상태", <span key="s" className="font-mono">{payment.providerStatus}</span>],
                  ["결제 금액", formatKRW(payment.totalAmount)],
                  ["취소 가능 잔액", <span key="b" data-testid="payment-balance" className="font-bold tabular-nums">{formatKRW(payment.balanceAmount)}</span>],
                  ["승인 일시", payment.approvedAt ? formatKoreanDateTime(payment.approvedAt) : ""],
                  ["paymentKey", <span key="k" className="font-mono text-xs">{payment.paymentKey}</span>],
                  ...(payment.card
                    ? ([
                        ["카드", `${payment.card.number} (발급사 ${payment.card.issuerCode})`],
                        ["할부", payment.card.installmentPlanMonths > 0 ? `${payment.card.installmentPlanMonths}개월` : "일시불"],
                        ["승인번호", payment.card.approveNo],
                      ] as [string, React.ReactNode][])
                    : []),
                  ...(payment.virtualAccount
                    ? ([
                        ["입금 은행", payment.virtualAccount.bank],
                        ["계좌번호", <span key="a" className="font-mono">{payment.virtualAccount.accountNumber}</span>],
                        ["입금 기한", payment.virtualAccount.dueDate ? formatKoreanDateTime(payment.virtualAccount.dueDate) : ""],
                        ["입금자", payment.virtualAccount.depositor],
                      ] as [string, React.ReactNode][])
                    : []),
                ]}
              />
              {payment.receiptUrl ? (
                <a href={payment.receiptUrl} target="_blank" rel="noopener noreferrer" className="inline-block font-semibold text-brand-600 hover:underline">
                  영수증 보기
                </a>
              ) : null}
            </div>
          ))}
        </div>
      </Section>

      {payments.map((payment) => (payment.cashReceipt ? <CashReceiptSection key={payment.id} receipt={payment.cashReceipt} /> : null))}

      {fulfillment ? (
        <div className="space-y-3" data-testid="admin-fulfillment">
          <FulfillmentSection orderId={order.orderId} fulfillment={{ ...fulfillment, canConfirmPurchase: false }} />
          <FulfillmentPanel orderId={order.orderId} status={fulfillment.status} />
        </div>
      ) : null}

      <Section title="취소 · 환불" testId="admin-refunds">
        {hasRole(user, "owner") && payments.length > 0 ? (
          <div className="mb-4">
            <RefundDialog
              orderId={order.orderId}
              choice={refund && { balance: refund.balance, fullCancelOnly: refund.fullCancelOnly, partialAllowed: refund.partialAllowed, needsRefundAccount: refund.needsRefundAccount, lines: refund.lines }}
              banks={Object.entries(BANKS).map(([code, name]) => ({ code, name }))} />
          </div>
        ) : null}
        {transferPending ? (
          <p data-testid="refund-transfer-pending" className="mb-3 rounded-lg bg-amber-50 px-3 py-2 text-amber-900">
            환불 계좌로 송금 중이에요. 토스페이먼츠가 송금 완료를 알려 오면 여기에 표시됩니다.
          </p>
        ) : null}
        {cancels.length === 0 ? (
          <p className="text-stone-500">취소 내역이 없어요.</p>
        ) : (
          <table className="w-full text-left">
            <thead className="text-stone-500">
              <tr>
                <th className="py-1 font-medium">요청 일시</th>
                <th className="py-1 font-medium">금액</th>
                <th className="py-1 font-medium">사유</th>
                <th className="py-1 font-medium">상태</th>
                <th className="py-1 font-medium">환불 계좌 송금</th>
                <th className="py-1 font-medium">요청자</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {cancels.map((cancel) => (
                <tr key={cancel.id} data-testid="admin-cancel-row">
                  <td className="py-1.5">{formatKoreanDateTime(cancel.canceledAt ?? cancel.createdAt)}</td>
                  <td className="py-1.5 tabular-nums">{formatKRW(cancel.amount)}</td>
                  <td className="py-1.5">{cancel.reason}</td>
                  <td className="py-1.5" title={cancel.failureMessage ?? undefined}>
                    {CANCEL_STATUS_LABEL[cancel.status] ?? cancel.status}
                    {cancel.status === "FAILED" && cancel.failureMessage ? <span className="block text-xs text-red-700">{cancel.failureMessage}</span> : null}
                  </td>
                  <td className="py-1.5">
                    {cancel.refundStatus ? (
                      <span>
                        {cancel.refundAccount ? `${cancel.refundAccount.accountNumberMasked} · ` : ""}
                        {TRANSFER_LABEL[cancel.refundStatus] ?? cancel.refundStatus}
                      </span>
                    ) : (
                      "-"
                    )}
                  </td>
                  <td className="py-1.5">{cancel.requestedBy ?? "-"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section title="타임라인" testId="order-timeline">
        {hasRole(user, "owner") ? (
          <div className="mb-4">
            <NoteForm orderId={order.orderId} />
          </div>
        ) : null}
        <ol className="space-y-3 border-l-2 border-stone-200 pl-4">
          {events.map((event) => (
            <li key={event.id} className="space-y-0.5">
              <p className="flex flex-wrap items-center gap-2">
                <span className="font-mono text-xs font-bold">{event.type}</span>
                {event.toStatus ? <StatusBadge status={event.toStatus} /> : null}
                <span className="text-xs text-stone-500">
                  {formatKoreanDateTime(event.createdAt)} · {event.actor}
                </span>
              </p>
              {event.message ? <p className={event.type === "NOTE" ? "rounded bg-amber-50 px-2 py-1" : "text-stone-700"}>{event.message}</p> : null}
            </li>
          ))}
        </ol>
      </Section>

      <Section title="웹훅 수신 기록" testId="webhook-deliveries">
        {deliveries.length === 0 ? (
          <p className="text-stone-500">이 주문에 대한 웹훅이 아직 없어요.</p>
        ) : (
          <table className="w-full text-left">
            <thead className="text-stone-500">
              <tr>
                <th className="py-1 font-medium">받은 시각</th>
                <th className="py-1 font-medium">이벤트</th>
                <th className="py-1 font-medium">결과</th>
                <th className="py-1 font-medium">재시도</th>
                <th className="py-1 font-medium">처리 시간</th>
                <th className="py-1 font-medium">응답</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {deliveries.map((delivery) => (
                <tr key={delivery.id} title={delivery.outcomeDetail ?? undefined}>
                  <td className="py-1.5">{formatKoreanDateTime(delivery.receivedAt)}</td>
                  <td className="py-1.5 font-mono text-xs">{delivery.eventType ?? "(읽을 수 없음)"}</td>
                  <td className={`py-1.5 font-semibold ${OUTCOME_TONE[delivery.outcome] ?? ""}`}>{delivery.outcome}</td>
                  <td className="py-1.5 tabular-nums">{delivery.retriedCount ?? 0}</td>
                  <td className="py-1.5 tabular-nums">{delivery.processingMs != null ? `${delivery.processingMs} ms` : "-"}</td>
                  <td className="py-1.5 tabular-nums">{delivery.httpStatus ?? "-"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </div>
  );
}
