import { eq } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { orders, payments } from "@/db/schema";
import { lockOrderByOrderId } from "@/lib/orders/state";
import type { HandlerResult } from "./deliveries";
import { readAndSettle } from "./settle-from-toss";

/**
 * PAYMENT_STATUS_CHANGED / CANCEL_STATUS_CHANGED: the body is never trusted, it only names the
 * payment. A payment we know (stored, or claimed by an order whose confirm is in flight) is read
 * again from Toss under its order's row lock and Toss's answer applied; anything else is ignored.
 */
export async function applyStatusChanged(tx: Transaction, named: { paymentKey: string; orderId?: string }): Promise<HandlerResult> {
  const [known] = await tx
    .select({ orderId: orders.orderId })
    .from(payments)
    .innerJoin(orders, eq(orders.id, payments.orderId))
    .where(eq(payments.paymentKey, named.paymentKey))
    .limit(1);
  const orderId = known?.orderId ?? named.orderId;
  const order = orderId ? await lockOrderByOrderId(tx, orderId) : null;
  if (!order || (!known && order.paymentKey !== named.paymentKey)) {
    return { outcome: "ignored", httpStatus: 200, detail: "unknown payment" };
  }
  const result = await readAndSettle(tx, order, { by: "paymentKey", paymentKey: named.paymentKey });
  return { ...result, orderId: order.orderId };
}
