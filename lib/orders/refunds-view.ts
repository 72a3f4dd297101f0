import { and, asc, eq } from "drizzle-orm";
import { db as defaultDb, type Executor } from "@/db/client";
import { orderItems, orders, paymentCancels, payments, type OrderStatus } from "@/db/schema";
import { bankName } from "@/lib/payments/banks";
import { providerOf } from "@/lib/payments";
import { cancelNeedsRefundAccount } from "@/lib/payments/rules";

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

/** listOrderRefunds on the store's database, for the order page. */
export function getOrderRefunds(orderId: string): Promise<OrderRefund[]> {
  return listOrderRefunds(defaultDb, orderId);
}

export type RefundOptions = {
  orderId: string;
  orderStatus: OrderStatus;
  /** What can still be refunded, KRW: the dialog sends it back as expectedBalance. */
  balance: number;
  /** A deposit-less virtual account: only a full cancel, no refund account. */
  fullCancelOnly: boolean;
  partialAllowed: boolean;
  needsRefundAccount: boolean;
  /** Lines with what can still be refunded by line, and restocked. */
  lines: { orderItemId: number; productName: string; unitPrice: number; quantity: number; refundable: number; restockable: number }[];
  /** Every refund request with its outcome, newest last (the admin's view, failures included). */
  requests: { amount: number; status: string; reason: string; requestedBy: string | null; source: string; failureMessage: string | null; refundStatus: string | null; at: Date }[];
};

/** What the owner's refund dialog needs, or null when the order cannot be refunded at all. */
export async function getRefundOptions(db: Executor, orderId: string): Promise<RefundOptions | null> {
  const [row] = await db
    .select({ order: orders, payment: payments })
    .from(orders)
    .innerJoin(payments, and(eq(payments.orderId, orders.id), eq(payments.paymentKey, orders.paymentKey)))
    .where(eq(orders.orderId, orderId))
    .limit(1);
  if (!row || !["PAID", "PARTIAL_CANCELED", "WAITING_FOR_DEPOSIT"].includes(row.order.status)) return null;
  const { order, payment } = row;
  const stored = providerOf(payment.provider).snapshotOf(payment.raw);
  const [items, requests] = await Promise.all([
    db.select().from(orderItems).where(eq(orderItems.orderId, order.id)).orderBy(asc(orderItems.id)),
    db.select().from(paymentCancels).where(eq(paymentCancels.paymentId, payment.id)).orderBy(asc(paymentCancels.id)),
  ]);
  const fullCancelOnly = order.status === "WAITING_FOR_DEPOSIT";
  return {
    orderId,
    orderStatus: order.status,
    balance: payment.balanceAmount,
    fullCancelOnly,
    partialAllowed: !fullCancelOnly && stored?.partialCancelAllowed !== false,
    needsRefundAccount: !fullCancelOnly && stored !== null && cancelNeedsRefundAccount(stored),
    lines: items.map((i) => ({ orderItemId: i.id, productName: i.productName, unitPrice: i.unitPrice, quantity: i.quantity, refundable: i.quantity - i.refundedQuantity, restockable: i.quantity - i.restockedQuantity })),
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
