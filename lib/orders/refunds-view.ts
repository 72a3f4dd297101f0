import { asc, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { orderItems, orders, paymentCancels, payments, type OrderStatus } from "@/db/schema";
import { bankName } from "@/lib/payments/banks";
import { providerOf } from "@/lib/payments";
import { paymentOfOrder } from "./payments";
import { refundRulesFor } from "./refund";
import { isRefundable, refundableLine, type RefundableLine, type RefundRules } from "./refund-policy";

export type OrderRefund = {
  amount: number;
  /** When the provider canceled it (or when it was asked for, while pending). */
  at: Date;
  /** DONE, or REQUESTED while the store waits for the provider's answer. */
  status: "DONE" | "REQUESTED";
  /** Where the money goes back, in the shopper's words. */
  destination: string;
  /** Refunds to a refund account: the bank transfer's state (PENDING, COMPLETED, FAILED); null otherwise. */
  transfer: string | null;
};

const DESTINATION_BY_METHOD: Record<string, string> = {
  카드: "결제한 카드로 취소",
  간편결제: "결제한 간편결제 수단으로 환불",
  계좌이체: "결제한 계좌로 환불",
  휴대폰: "휴대폰 결제 취소",
  가상계좌: "입금 전 취소 (돌려받을 돈 없음)",
};

/** The refunds of an order for the shopper's order page: amount, date and where the money goes. */
export async function listOrderRefunds(db: Executor, orderId: string): Promise<OrderRefund[]> {
  const rows = await db
    .select({ cancel: paymentCancels, method: payments.method, provider: payments.provider })
    .from(paymentCancels)
    .innerJoin(payments, eq(payments.id, paymentCancels.paymentId))
    .innerJoin(orders, eq(orders.id, payments.orderId))
    .where(eq(orders.orderId, orderId))
    .orderBy(asc(paymentCancels.id));
  return rows
    .filter((r) => r.cancel.status === "DONE" || r.cancel.status === "REQUESTED")
    .map(({ cancel, method, provider }) => {
      const account = cancel.refundAccount;
      const destination = account
        ? `환불 계좌 ${bankName(account.bankCode) ?? account.bankCode} ${account.accountNumberMasked} (${account.holderName})`
        : cancel.refundStatus !== null
          ? `${providerOf(provider).label}에 등록된 환불 계좌`
          : (DESTINATION_BY_METHOD[method ?? ""] ?? "결제 수단으로 환불");
      return {
        amount: cancel.amount,
        at: cancel.canceledAt ?? cancel.createdAt,
        status: cancel.status as "DONE" | "REQUESTED",
        destination,
        transfer: cancel.refundStatus,
      };
    });
}

export type RefundOptions = RefundRules & {
  orderId: string;
  orderStatus: OrderStatus;
  /** What can still be refunded, KRW: the dialog sends it back as expectedBalance. */
  balance: number;
  /** Lines with what can still be refunded by line, and restocked. */
  lines: (RefundableLine & { restockable: number })[];
  /** Every refund request with its outcome, newest last (the admin's view, failures included). */
  requests: { amount: number; status: string; reason: string; requestedBy: string | null; source: string; failureMessage: string | null; refundStatus: string | null; at: Date }[];
};

/** What the owner's refund dialog needs, or null when the order cannot be refunded at all. */
export async function getRefundOptions(db: Executor, orderId: string): Promise<RefundOptions | null> {
  const [row] = await db
    .select({ order: orders, payment: payments })
    .from(orders)
    .innerJoin(payments, paymentOfOrder)
    .where(eq(orders.orderId, orderId))
    .limit(1);
  if (!row || !isRefundable(row.order.status)) return null;
  const { order, payment } = row;
  const [items, requests] = await Promise.all([
    db.select().from(orderItems).where(eq(orderItems.orderId, order.id)).orderBy(asc(orderItems.id)),
    db.select().from(paymentCancels).where(eq(paymentCancels.paymentId, payment.id)).orderBy(asc(paymentCancels.id)),
  ]);
  const rules = refundRulesFor(order.status, providerOf(payment.provider).snapshotOf(payment.raw));
  return {
    orderId,
    orderStatus: order.status,
    balance: payment.balanceAmount,
    ...rules,
    lines: items.map((i) => ({ ...refundableLine(i), restockable: i.quantity - i.restockedQuantity })),
    requests: requests.map((r) => ({
      amount: r.amount,
      status: r.status,
      reason: r.reason,
      requestedBy: r.requestedBy,
      source: r.source,
      failureMessage: r.failureMessage,
      refundStatus: r.refundStatus,
      at: r.canceledAt ?? r.createdAt,
    })),
  };
}
