import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { orders, payments, type Order } from "@/db/schema";
import type { TossClient } from "@/lib/toss/client";
import type { HandlerResult } from "./deliveries";
import { readPaymentForWebhook, settleFromWebhook } from "./settle-from-toss";

/** What a status change says about the payment; a field it leaves out is unknown, not unchanged. */
export type NamedPayment = {
  paymentKey: string;
  orderId?: string;
  status?: string;
  balanceAmount?: number;
  lastTransactionKey?: string | null;
  refundStatus?: string | null;
};

/**
 * PAYMENT_STATUS_CHANGED / CANCEL_STATUS_CHANGED: the body is never trusted, it only names the
 * payment. A payment the store does not know (stored, or claimed by an order whose confirm is in
 * flight) is ignored without a Toss call. A body that shows the payment exactly as the store holds
 * it (status, balance, last transaction, refund transfer) needs no read: a status name alone is
 * not enough, since a second partial cancel or a refund transfer moves on under the same status.
 * Otherwise the payment is read from Toss (bounded per order, see readPaymentForWebhook) and
 * Toss's answer applied under the order's row lock.
 */
export async function applyStatusChanged(database: Database, named: NamedPayment, toss?: TossClient): Promise<HandlerResult> {
  const known = await findNamedPayment(database, named);
  if (!known) return { outcome: "ignored", httpStatus: 200, detail: "unknown payment" };
  const { order } = known;
  if (sameAsStored(named, known)) {
    return { outcome: "duplicate", httpStatus: 200, detail: `payment already ${named.status}, balance ${named.balanceAmount}`, orderId: order.orderId };
  }
  const read = await readPaymentForWebhook(database, order, { by: "paymentKey", paymentKey: named.paymentKey }, false, toss);
  if (read.kind === "answer") return { ...read.result, orderId: order.orderId };
  return settleFromWebhook(database, order.orderId, read.payment);
}

type StoredView = { tossStatus: string | null; balanceAmount: number | null; lastTransactionKey: string | null; refundStatus: string | null };

function sameAsStored(named: NamedPayment, stored: StoredView): boolean {
  return (
    stored.tossStatus !== null &&
    named.status === stored.tossStatus &&
    named.balanceAmount === stored.balanceAmount &&
    named.lastTransactionKey !== undefined &&
    named.lastTransactionKey === stored.lastTransactionKey &&
    (named.refundStatus === undefined || named.refundStatus === stored.refundStatus)
  );
}

async function findNamedPayment(database: Database, named: { paymentKey: string; orderId?: string }): Promise<({ order: Order } & StoredView) | null> {
  const [stored] = await database
    .select({
      order: orders,
      tossStatus: payments.tossStatus,
      balanceAmount: payments.balanceAmount,
      lastTransactionKey: sql<string | null>`${payments.raw}->>'lastTransactionKey'`,
      refundStatus: sql<string | null>`${payments.raw}->'virtualAccount'->>'refundStatus'`,
    })
    .from(payments)
    .innerJoin(orders, eq(orders.id, payments.orderId))
    .where(eq(payments.paymentKey, named.paymentKey))
    .limit(1);
  if (stored) return stored;
  if (!named.orderId) return null;
  // A confirm in flight: the order has claimed this paymentKey, the payment is not stored yet.
  const [claimed] = await database
    .select({ order: orders })
    .from(orders)
    .where(and(eq(orders.orderId, named.orderId), eq(orders.paymentKey, named.paymentKey)))
    .limit(1);
  return claimed ? { order: claimed.order, tossStatus: null, balanceAmount: null, lastTransactionKey: null, refundStatus: null } : null;
}
