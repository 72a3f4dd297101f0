import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { orders, payments, type Order } from "@/db/schema";
import { providerOf, type PaymentHint, type PaymentProvider, type PaymentSnapshot } from "@/lib/payments";
import type { HandlerResult } from "./deliveries";
import { readPaymentForWebhook, settleFromWebhook } from "./read-and-settle";

/** What a status change names: the payment, maybe its order, and what the body says of it. */
export type NamedPayment = { reference: string; orderId?: string; hint?: PaymentHint };

/**
 * A payment or cancel changed: the body is never trusted, it only names the payment. A payment
 * the store does not know (stored, or claimed by an order whose confirm is in flight) is ignored
 * without a provider call. A body that shows the payment exactly as the store holds it (status,
 * balance, last transaction, refund transfer) needs no read: a status alone is not enough, since
 * a second partial cancel or a refund transfer moves on under the same status. Otherwise the
 * payment is read (bounded per order, see readPaymentForWebhook) and the provider's answer
 * applied under the order's row lock.
 */
export async function applyStatusChanged(database: Database, provider: PaymentProvider, named: NamedPayment): Promise<HandlerResult> {
  const known = await findNamedPayment(database, named);
  if (!known) return { outcome: "ignored", httpStatus: 200, detail: "unknown payment" };
  const { order, stored } = known;
  if (named.hint && stored && sameAsStored(named.hint, stored)) {
    return { outcome: "duplicate", httpStatus: 200, detail: `payment already ${named.hint.providerStatus}, balance ${named.hint.balance}`, orderId: order.orderId };
  }
  const read = await readPaymentForWebhook(database, provider, order, { by: "paymentKey", paymentKey: named.reference }, false);
  if (read.kind === "answer") return { ...read.result, orderId: order.orderId };
  return settleFromWebhook(database, order.orderId, read.payment);
}

function sameAsStored(hint: PaymentHint, stored: PaymentSnapshot): boolean {
  return (
    hint.providerStatus === stored.providerStatus &&
    hint.balance === stored.balance &&
    hint.lastTransactionKey !== undefined &&
    hint.lastTransactionKey === stored.lastTransactionKey &&
    (hint.refundTransfer === undefined || hint.refundTransfer === stored.refundTransfer)
  );
}

async function findNamedPayment(database: Database, named: NamedPayment): Promise<{ order: Order; stored: PaymentSnapshot | null } | null> {
  const [row] = await database
    .select({ order: orders, provider: payments.provider, providerStatus: payments.providerStatus, balance: payments.balanceAmount, raw: payments.raw })
    .from(payments)
    .innerJoin(orders, eq(orders.id, payments.orderId))
    .where(eq(payments.paymentKey, named.reference))
    .limit(1);
  if (row) {
    const snapshot = providerOf(row.provider).snapshotOf(row.raw);
    // The columns are what the store last wrote; the stored copy adds the last transaction and the refund transfer.
    return { order: row.order, stored: snapshot && { ...snapshot, providerStatus: row.providerStatus, balance: row.balance } };
  }
  if (!named.orderId) return null;
  // A confirm in flight: the order has claimed this payment, the payment is not stored yet.
  const [claimed] = await database
    .select({ order: orders })
    .from(orders)
    .where(and(eq(orders.orderId, named.orderId), eq(orders.paymentKey, named.reference)))
    .limit(1);
  return claimed ? { order: claimed.order, stored: null } : null;
}
