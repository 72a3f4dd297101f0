import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { OrderStatusWatcher } from "@/components/orders/order-status-watcher";
import { adminSession } from "@/lib/auth/admin";
import { formatKRW } from "@/lib/money";
import { ORDER_ACCESS_COOKIE } from "@/lib/orders/access";
import { getOrderRefunds } from "@/lib/orders/refunds-view";
import { canViewOrder, getOrderView, isAwaitingUpdate } from "@/lib/orders/view";
import { formatKoreanDateTime, formatPhone } from "@/lib/format";

export const metadata: Metadata = { title: "주문 내역", robots: { index: false } };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ orderId: string }> };


const STATUS_TONE: Record<string, string> = {
  PAID: "bg-emerald-50 text-emerald-800",
  WAITING_FOR_DEPOSIT: "bg-amber-50 text-amber-900",
  CONFIRMING: "bg-sky-50 text-sky-900",
  FAILED: "bg-red-50 text-red-800",
  EXPIRED: "bg-stone-100 text-stone-700",
};

export default async function OrderPage({ params }: Props) {
  const { orderId } = await params;
  if (!canViewOrder({ accessCookie: (await cookies()).get(ORDER_ACCESS_COOKIE)?.value, session: await adminSession() }, orderId)) notFound();
  const order = await getOrderView(orderId);
  if (!order) notFound();
  const va = order.payment?.virtualAccount;
  const refunds = await getOrderRefunds(order.orderId);

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      {isAwaitingUpdate(order.status) ? <OrderStatusWatcher orderId={order.orderId} status={order.status} /> : null}
      {isAwaitingUpdate(order.status) ? (
        <noscript>
          <meta httpEquiv="refresh" content="10" />
        </noscript>
      ) : null}
      <header className="space-y-2">
        <p className="text-sm text-stone-500">주문번호 {order.orderId}</p>
        <h1 className="text-2xl font-black">{order.orderName}</h1>
        <p role="status" data-testid="order-status" className={`inline-block rounded-full px-3 py-1 text-sm font-bold ${STATUS_TONE[order.status] ?? "bg-stone-100"}`}>
          {order.statusText.label}
        </p>
        <p className="text-stone-600">{order.statusText.detail}</p>
      </header>

      {va ? (
        <section aria-labelledby="deposit" className="rounded-2xl border border-amber-200 bg-amber-50 p-6">
          <h2 id="deposit" className="text-lg font-bold">
            입금 안내
          </h2>
          <dl className="mt-3 grid grid-cols-[8rem_1fr] gap-y-2 text-sm">
            <dt className="text-stone-600">은행</dt>
            <dd data-testid="va-bank">{va.bank}</dd>
            <dt className="text-stone-600">계좌번호</dt>
            <dd data-testid="va-account" className="font-mono font-bold tabular-nums">
              {va.accountNumber}
            </dd>
            <dt className="text-stone-600">예금주</dt>
            <dd>{va.holder || "토스페이먼츠"}</dd>
            <dt className="text-stone-600">입금액</dt>
            <dd className="font-bold tabular-nums">{formatKRW(order.amount)}</dd>
            <dt className="text-stone-600">입금 기한</dt>
            <dd>{va.dueDate ? formatKoreanDateTime(va.dueDate) : "-"}</dd>
          </dl>
        </section>
      ) : null}

      <section aria-labelledby="items" className="rounded-2xl border border-stone-200 bg-white p-6">
        <h2 id="items" className="text-lg font-bold">
          주문 상품
        </h2>
        <ul className="mt-3 divide-y divide-stone-100">
          {order.items.map((item, i) => (
            <li key={i} className="flex justify-between gap-4 py-2 text-sm">
              <span>
                {item.name} <span className="text-stone-500">× {item.quantity}</span>
              </span>
              <span className="tabular-nums">{formatKRW(item.lineTotal)}</span>
            </li>
          ))}
        </ul>
        <p className="mt-3 flex justify-between border-t border-stone-200 pt-3 font-bold">
          <span>결제 금액</span>
          <span data-testid="order-amount" className="tabular-nums">
            {formatKRW(order.amount)}
          </span>
        </p>
      </section>

      <section aria-labelledby="payment" className="rounded-2xl border border-stone-200 bg-white p-6 text-sm">
        <h2 id="payment" className="text-lg font-bold">
          결제 정보
        </h2>
        <dl className="mt-3 grid grid-cols-[8rem_1fr] gap-y-2">
          <dt className="text-stone-600">결제 수단</dt>
          <dd>{order.payment?.method ?? "-"}</dd>
          <dt className="text-stone-600">주문 일시</dt>
          <dd>{formatKoreanDateTime(order.createdAt)}</dd>
          {order.paidAt ? (
            <>
              <dt className="text-stone-600">결제 일시</dt>
              <dd>{formatKoreanDateTime(order.paidAt)}</dd>
            </>
          ) : null}
        </dl>
        {order.payment?.receiptUrl ? (
          <a href={order.payment.receiptUrl} target="_blank" rel="noopener noreferrer" className="mt-3 inline-block font-semibold text-brand-600 hover:underline">
            영수증 보기
          </a>
        ) : null}
      </section>

      {refunds.length > 0 ? (
        <section aria-labelledby="refunds" className="rounded-2xl border border-stone-200 bg-white p-6 text-sm">
          <h2 id="refunds" className="text-lg font-bold">
            환불
          </h2>
          <ul className="mt-3 space-y-2" data-testid="order-refunds">
            {refunds.map((refund, i) => (
              <li key={i} className="flex flex-wrap justify-between gap-x-4">
                <span>
                  {formatKoreanDateTime(refund.at)} · {refund.destination}
                  {refund.status === "REQUESTED" || refund.transfer === "PENDING" ? " · 처리 중" : refund.transfer === "FAILED" ? " · 송금 실패, 상점에서 확인 중" : ""}
                </span>
                <span className="font-semibold">{formatKRW(refund.amount)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="shipping" className="rounded-2xl border border-stone-200 bg-white p-6 text-sm">
        <h2 id="shipping" className="text-lg font-bold">
          배송 정보
        </h2>
        <dl className="mt-3 grid grid-cols-[8rem_1fr] gap-y-2">
          <dt className="text-stone-600">받는 분</dt>
          <dd>{order.shipping.name}</dd>
          <dt className="text-stone-600">연락처</dt>
          <dd>{formatPhone(order.shipping.phone)}</dd>
          <dt className="text-stone-600">주소</dt>
          <dd>
            ({order.shipping.postcode}) {order.shipping.address} {order.shipping.addressDetail}
          </dd>
          {order.shipping.memo ? (
            <>
              <dt className="text-stone-600">배송 메모</dt>
              <dd>{order.shipping.memo}</dd>
            </>
          ) : null}
        </dl>
      </section>

      <Link href="/" className="inline-block text-sm font-semibold text-brand-600 hover:underline">
        쇼핑 계속하기
      </Link>
    </div>
  );
}
