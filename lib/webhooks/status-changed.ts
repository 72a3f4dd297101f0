import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { orders, payments } from "@/db/schema";
import type { TossClient } from "@/lib/toss/client";
import type { HandlerResult } from "./deliveries";
import { readPaymentForWebhook, settleFromWebhook } from "./settle-from-toss";

/**
 * PAYMENT_STATUS_CHANGED / CANCEL_STATUS_CHANGED: the body is never trusted, it only names the
 * payment. A payment the store does not know (stored, or claimed by an order whose confirm is in
 * flight) is ignored without a Toss call. A status the store already holds for it needs no read,
 * unless a refund transfer to a refund account moved on (Toss announces that with the same status).
 * Otherwise the payment is read from Toss (bounded per order, see readPaymentForWebhook) and
 * Toss's answer applied under the order's row lock.
 */
export async function applyStatusChanged(
  database: Database,
  named: { paymentKey: string; orderId?: string; status?: string; refundStatus?: string | null },
  toss?: TossClient,
): Promise<HandlerResult> {
  const known = await findNamedPayment(database, named);
  if (!known) return { outcome: "ignored", httpStatus: 200, detail: "unknown payment" };
  const { order } = known;
  if (named.status !== undefined && known.tossStatus === named.status && (named.refundStatus === undefined || named.refundStatus === known.refundStatus)) {
    return { outcome: "duplicate", httpStatus: 200, detail: `payment already ${named.status}`, orderId: order.orderId };
  }
  const read = await readPaymentForWebhook(database, order, { by: "paymentKey", paymentKey: named.paymentKey }, false, toss);
  if (read.kind === "answer") return { ...read.result, orderId: order.orderId };
  return settleFromWebhook(database, order.orderId, read.payment);
}

async function findNamedPayment(database: Database, named: { paymentKey: string; orderId?: string }) {
  const [stored] = await database
    .select({ order: orders, tossStatus: payments.tossStatus, refundStatus: sql<string | null>`${payments.raw}->'virtualAccount'->>'refundStatus'` })
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
  return claimed ? { order: claimed.order, tossStatus: null, refundStatus: null } : null;
}
