import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { orders, payments } from "@/db/schema";
import type { PaymentProvider } from "@/lib/payments";
import type { HandlerResult } from "./deliveries";
import { paymentOfOrder } from "@/lib/orders/payments";
import { readPaymentForWebhook, settleFromWebhook } from "./read-and-settle";
import { secretsMatch } from "./secret";

/**
 * A deposit notification: a hint, authenticated by the secret the provider gave at confirm. The
 * secret is checked first (refused otherwise, with no provider call); then the payment is read
 * with no transaction open, and what the provider says is applied under the order's row lock by
 * the same settle /success and the sweeper use. The notification's own status is never applied.
 *
 * While the confirm answer is still on its way (order PENDING or CONFIRMING, no secret stored),
 * the payment is read by orderId and the secret checked against the provider's copy; such reads
 * are bounded like any unauthenticated hint.
 */
export async function applyDepositCallback(database: Database, provider: PaymentProvider, callback: { orderId: string; secret: string }): Promise<HandlerResult> {
  const [row] = await database
    .select({ order: orders, secret: payments.secret, paymentKey: payments.paymentKey })
    .from(orders)
    .leftJoin(payments, paymentOfOrder)
    .where(eq(orders.orderId, callback.orderId))
    .limit(1);
  if (!row) return { outcome: "rejected", httpStatus: 404, detail: "unknown order" };
  const { order } = row;

  if (row.secret && row.paymentKey) {
    if (!secretsMatch(row.secret, callback.secret)) return { outcome: "rejected", httpStatus: 403, detail: "secret mismatch" };
    const read = await readPaymentForWebhook(database, provider, order, { by: "paymentKey", paymentKey: row.paymentKey }, true);
    if (read.kind === "answer") return read.result;
    return settleFromWebhook(database, order.orderId, read.payment);
  }
  if (order.status !== "PENDING" && order.status !== "CONFIRMING") {
    return { outcome: "rejected", httpStatus: 403, detail: `no payment secret stored for a ${order.status} order` };
  }
  const read = await readPaymentForWebhook(database, provider, order, { by: "orderId" }, false);
  if (read.kind === "answer") return read.result;
  if (!(read.payment.webhookSecret && secretsMatch(read.payment.webhookSecret, callback.secret))) {
    return { outcome: "rejected", httpStatus: 403, detail: "secret mismatch (checked against the provider)" };
  }
  return settleFromWebhook(database, order.orderId, read.payment);
}
