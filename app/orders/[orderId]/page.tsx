import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { db } from "@/db/client";
import { CashReceiptSection } from "@/components/orders/cash-receipt";
import { CopyButton } from "@/components/orders/copy-button";
import { FulfillmentSection } from "@/components/orders/fulfillment-section";
import { OrderNeedsLookup } from "@/components/orders/order-needs-lookup";
import { OrderStatusWatcher } from "@/components/orders/order-status-watcher";
import { adminSession } from "@/app/admin/access";
import { env } from "@/lib/env";
import { getFulfillmentView } from "@/lib/fulfillment/view";
import { formatKRW } from "@/lib/money";
import { PriceSummary } from "@/components/orders/price-summary";
import { ORDER_ACCESS_COOKIE } from "@/lib/orders/access";
import { listOrderRefunds } from "@/lib/orders/refunds-view";
import { canViewOrder, getOrderView, isAwaitingUpdate } from "@/lib/orders/view";
import { formatKoreanDateTime, formatPhone, groupDigits } from "@/lib/format";

export const metadata: Metadata = { title: "주문 내역", robots: { index: false } };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ orderId: string }>; searchParams: Promise<{ notice?: string | string[] }> };

// Shown when a payment window was used again for an order that already went through (/fail).
const ALREADY_PAID_NOTICE: Partial<Record<string, string>> = {
  CONFIRMING: "이미 결제를 확인하고 있는 주문이에요",
  WAITING_FOR_DEPOSIT: "이미 입금 계좌를 받은 주문이에요",
};

const STATUS_TONE: Record<string, string> = {
  PAID: "bg-emerald-50 text-emerald-800",
  WAITING_FOR_DEPOSIT: "bg-amber-50 text-amber-900",
  CONFIRMING: "bg-sky-50 text-sky-900",
  FAILED: "bg-red-50 text-red-800",
  EXPIRED: "bg-stone-100 text-stone-700",
};

export default async function OrderPage({ params, searchParams }: Props) {
  const { orderId } = await params;
  const { notice } = await searchParams;
  if (!canViewOrder({ accessCookie: (await cookies()).get(ORDER_ACCESS_COOKIE)?.value, session: await adminSession() }, orderId)) return <OrderNeedsLookup />;
  const order = await getOrderView(db, orderId);
  if (!order) notFound();
  const va = order.payment?.virtualAccount;
  const [refunds, fulfillment] = await Promise.all([listOrderRefunds(db, order.orderId), getFulfillmentView(db, order.orderId)]);
  const alreadyPaid = notice === "already-paid" ? (ALREADY_PAID_NOTICE[order.status] ?? "이미 결제가 완료된 주문이에요") : null;

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      {isAwaitingUpdate(order.status) ? <OrderStatusWatcher orderId={order.orderId} status={order.status} /> : null}
      {isAwaitingUpdate(order.status) ? (
        <noscript>
          <meta httpEquiv="refresh" content="10" />
        </noscript>
      ) : null}
      {alreadyPaid ? (
        <p role="status" data-testid="order-notice" className="rounded-lg bg-sky-50 px-4 py-3 text-sm font-semibold text-sky-900">
          {alreadyPaid}
        </p>
      ) : null}
      <header className="space-y-3">
        <h1 className="text-2xl font-black">{order.statusText.heading}</h1>
        <p role="status" data-testid="order-status" className={`inline-block rounded-full px-3 py-1 text-sm font-bold ${STATUS_TONE[order.status] ?? "bg-stone-100"}`}>
          {order.statusText.label}
        </p>
        <p className="text-stone-700">{fulfillment && fulfillment.status !== "NEW" ? fulfillment.headline : order.statusText.detail}</p>
        {order.orderNumber ? (
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-xl border border-stone-200 bg-white px-4 py-3">
            <span className="text-sm text-stone-600">주문번호</span>
            <span data-testid="order-number" className="font-mono text-lg font-bold tracking-wider">
              {order.orderNumber}
            </span>
            <CopyButton value={order.orderNumber} label="주문번호 복사" />
          </div>
        ) : null}
        <p className="text-sm text-stone-600">
          다른 기기에서는{" "}
          <Link href="/orders/lookup" className="font-semibold text-brand-700 underline">
            비회원 주문조회
          </Link>
          에서 주문번호와 휴대폰 번호로 이 주문을 볼 수 있어요.
        </p>
      </header>

      {va ? (
        <section aria-labelledby="deposit" className="rounded-2xl border border-amber-200 bg-amber-50 p-5 sm:p-6">
          <h2 id="deposit" className="text-lg font-bold">
            입금 안내
          </h2>
          <dl className="mt-3 grid grid-cols-[6rem_1fr] gap-y-2 text-sm">
            <dt className="text-stone-600">은행</dt>
            <dd data-testid="va-bank">{va.bank}</dd>
            <dt className="text-stone-600">계좌번호</dt>
            <dd className="flex flex-wrap items-center gap-2">
              <span data-testid="va-account" className="font-mono text-base font-bold tabular-nums tracking-wide">
                {groupDigits(va.accountNumber)}
              </span>
              <CopyButton value={va.accountNumber.replace(/\D/g, "")} label="계좌번호 복사" />
            </dd>
            <dt className="text-stone-600">예금주</dt>
            {/* The account is issued to the store; Toss's customerName is the shopper, who deposits. */}
            <dd data-testid="va-holder">{env().business.name}</dd>
            <dt className="text-stone-600">입금액</dt>
            <dd className="font-bold tabular-nums">{formatKRW(order.amount)}</dd>
            <dt className="text-stone-600">입금 기한</dt>
            <dd>{va.dueDate ? formatKoreanDateTime(va.dueDate) : "-"}</dd>
          </dl>
        </section>
      ) : null}

      {fulfillment ? <FulfillmentSection orderId={order.orderId} fulfillment={fulfillment} /> : null}

      <section aria-labelledby="items" className="rounded-2xl border border-stone-200 bg-white p-5 sm:p-6">
        <h2 id="items" className="text-lg font-bold">
          주문 상품
        </h2>
        <p className="mt-1 text-sm text-stone-600">{order.orderName}</p>
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
        <PriceSummary goodsLabel="상품 금액" goods={order.itemsTotal} shippingFee={order.shippingFee} totalLabel="결제 금액" total={order.amount} testIds={{ shipping: "order-shipping", total: "order-amount" }} className="mt-3 space-y-1 border-t border-stone-200 pt-3 text-sm" />
      </section>

      <section aria-labelledby="payment" className="rounded-2xl border border-stone-200 bg-white p-5 text-sm sm:p-6">
        <h2 id="payment" className="text-lg font-bold">
          결제 정보
        </h2>
        <dl className="mt-3 grid grid-cols-[6rem_1fr] gap-y-2">
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
          <a href={order.payment.receiptUrl} target="_blank" rel="noopener noreferrer" className="mt-3 inline-flex min-h-8 items-center font-semibold text-brand-700 hover:underline">
            영수증 보기
          </a>
        ) : null}
      </section>

      {order.payment?.cashReceipt ? <CashReceiptSection receipt={order.payment.cashReceipt} /> : null}

      {refunds.length > 0 ? (
        <section aria-labelledby="refunds" className="rounded-2xl border border-stone-200 bg-white p-5 text-sm sm:p-6">
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

      <section aria-labelledby="shipping" className="rounded-2xl border border-stone-200 bg-white p-5 text-sm sm:p-6">
        <h2 id="shipping" className="text-lg font-bold">
          배송 정보
        </h2>
        <dl className="mt-3 grid grid-cols-[6rem_1fr] gap-y-2">
          <dt className="text-stone-600">받는 분</dt>
          <dd>{order.shipping.name}</dd>
          <dt className="text-stone-600">연락처</dt>
          <dd>{formatPhone(order.shipping.phone)}</dd>
          <dt className="text-stone-600">주소</dt>
          <dd>
            <span className="break-words">
              ({order.shipping.postcode}) {order.shipping.address} {order.shipping.addressDetail}
            </span>
          </dd>
          {order.shipping.memo ? (
            <>
              <dt className="text-stone-600">배송 메모</dt>
              <dd className="break-words">{order.shipping.memo}</dd>
            </>
          ) : null}
        </dl>
      </section>

      <Link href="/" className="inline-flex min-h-8 items-center text-sm font-semibold text-brand-700 hover:underline">
        쇼핑 계속하기
      </Link>
    </div>
  );
}
