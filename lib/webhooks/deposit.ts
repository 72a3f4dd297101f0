import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { orders, payments } from "@/db/schema";
import type { TossClient } from "@/lib/toss/client";
import type { DepositCallback } from "@/lib/toss/models";
import type { HandlerResult } from "./deliveries";
import { paymentOfOrder } from "@/lib/orders/payments";
import { secretsMatch } from "./secret";
import { readPaymentForWebhook, settleFromWebhook } from "./settle-from-toss";

/** Webhook `createdAt` is Korean local time without an offset (docs/toss.md §3.2): `2026-01-02T14:46:59.65327`. */
export function webhookTime(createdAt: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?$/.test(createdAt)) return null;
  const [whole, fraction = ""] = createdAt.split(".");
  const date = new Date(`${whole}.${fraction.padEnd(3, "0").slice(0, 3)}+09:00`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * DEPOSIT_CALLBACK: a hint, authenticated by the secret Toss gave at confirm. The secret is
 * checked first (refused otherwise, with no Toss call); then the payment is read from Toss with no
 * transaction open, and what Toss says is applied under the order's row lock by the same settle
 * function /success and the sweeper use. The callback's own status is never applied.
 *
 * While the confirm answer is still on its way (order PENDING or CONFIRMING, no secret stored),
 * the payment is read by orderId and the secret checked against Toss's copy; such reads are
 * bounded like any unauthenticated hint.
 */
export async function applyDepositCallback(database: Database, callback: DepositCallback, toss?: TossClient): Promise<HandlerResult> {
  const [row] = await database
    .select({ order: orders, secret: payments.secret, paymentKey: payments.paymentKey, tossStatus: payments.tossStatus })
    .from(orders)
    .leftJoin(payments, paymentOfOrder)
    .where(eq(orders.orderId, callback.orderId))
    .limit(1);
  if (!row) return { outcome: "rejected", httpStatus: 404, detail: "unknown order" };
  const { order } = row;

  if (row.secret && row.paymentKey) {
    if (!secretsMatch(row.secret, callback.secret)) return { outcome: "rejected", httpStatus: 403, detail: "secret mismatch" };
    const read = await readPaymentForWebhook(database, order, { by: "paymentKey", paymentKey: row.paymentKey }, true, toss);
    if (read.kind === "answer") return read.result;
    return settleFromWebhook(database, order.orderId, read.payment);
  }
  if (order.status !== "PENDING" && order.status !== "CONFIRMING") {
    return { outcome: "rejected", httpStatus: 403, detail: `no payment secret stored for a ${order.status} order` };
  }
  const read = await readPaymentForWebhook(database, order, { by: "orderId" }, false, toss);
  if (read.kind === "answer") return read.result;
  if (!(read.payment.secret && secretsMatch(read.payment.secret, callback.secret))) {
    return { outcome: "rejected", httpStatus: 403, detail: "secret mismatch (checked against Toss)" };
  }
  return settleFromWebhook(database, order.orderId, read.payment);
}
