import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { orders, type Order } from "@/db/schema";
import { orderLog } from "@/lib/log";
import { settleOrderFromPayment } from "@/lib/orders/settle";
import { lockOrderByOrderId } from "@/lib/orders/state";
import { tossClient, type TossClient } from "@/lib/toss/client";
import { TossError, TossNotFoundError, TossSchemaError } from "@/lib/toss/errors";
import type { Payment } from "@/lib/toss/models";
import { WAITED_READ_DEADLINE_MS } from "@/lib/orders/toss-call-limits";
import { recordUnparseablePayment } from "@/lib/orders/unparseable";
import { WEBHOOK_ACTOR, type HandlerResult } from "./deliveries";

/** How long a webhook waits for an order row another request holds before answering 503. */
export const WEBHOOK_LOCK_TIMEOUT = "3s";
/**
 * One unauthenticated read of an order's payment per this interval, across every instance. Toss
 * redelivers after minutes, so a genuine hint answered 503 here loses nothing.
 */
const UNAUTHENTICATED_READ_INTERVAL = "10 seconds";

export type Lookup = { by: "paymentKey"; paymentKey: string } | { by: "orderId" };
export type TossRead = { kind: "payment"; payment: Payment } | { kind: "answer"; result: HandlerResult };

/**
 * Reads an order's payment from Toss, outside any transaction. `authenticated` deliveries (a
 * DEPOSIT_CALLBACK whose secret matched the stored one) always read. Others are hints anyone can
 * send: one read per order per 10 s across all instances (a row claim in the database), and a
 * delivery that finds the read taken answers 503 so that Toss delivers it again later.
 *
 * Every delivery reads for itself, never sharing another delivery's read: a deposit's callback
 * sharing the status change sent with it would take that hint's 503 (and wait minutes for
 * Toss's next attempt), or an answer read before the deposit (and miss it).
 */
export async function readPaymentForWebhook(database: Database, order: Order, lookup: Lookup, authenticated: boolean, toss: TossClient = tossClient()): Promise<TossRead> {
  if (!authenticated && !(await claimRead(database, order.id))) {
    return { kind: "answer", result: { outcome: "retry", httpStatus: 503, detail: "this payment was read from Toss a moment ago; deliver again later" } };
  }
  return readFromToss(database, toss, order, lookup);
}

async function claimRead(database: Database, orderDbId: number): Promise<boolean> {
  const claimed = await database
    .update(orders)
    .set({ tossReadAt: sql`now()` })
    .where(sql`${orders.id} = ${orderDbId} and (${orders.tossReadAt} is null or ${orders.tossReadAt} < now() - interval '${sql.raw(UNAUTHENTICATED_READ_INTERVAL)}')`)
    .returning({ id: orders.id });
  return claimed.length > 0;
}

async function readFromToss(database: Database, toss: TossClient, order: Order, lookup: Lookup): Promise<TossRead> {
  try {
    const payment =
      lookup.by === "paymentKey"
        ? await toss.getPayment(lookup.paymentKey, { deadlineMs: WAITED_READ_DEADLINE_MS })
        : await toss.getPaymentByOrderId(order.orderId, { deadlineMs: WAITED_READ_DEADLINE_MS });
    return { kind: "payment", payment };
  } catch (error) {
    if (error instanceof TossNotFoundError) return { kind: "answer", result: { outcome: "ignored", httpStatus: 200, detail: `Toss knows no such payment (${error.code})` } };
    if (error instanceof TossSchemaError) {
      await recordUnparseablePayment(database, order, error, "webhook");
      return { kind: "answer", result: { outcome: "error", httpStatus: 200, detail: "Toss's answer did not parse; recorded for the owner" } };
    }
    // Toss is unreachable or failing for now: answer non-200 so Toss delivers again later.
    if (error instanceof TossError) {
      orderLog(order.orderId).warn({ code: error.code }, "webhook could not read the payment from Toss");
      return { kind: "answer", result: { outcome: "retry", httpStatus: 503, detail: `could not read the payment from Toss: ${error.code}` } };
    }
    throw error;
  }
}

/**
 * Applies a payment read from Toss through settleOrderFromPayment, the function /success and the
 * sweeper use, under the order's row lock. The lock is waited for at most WEBHOOK_LOCK_TIMEOUT
 * (set on its own before the lock is asked for); past it the caller answers 503.
 */
export async function settleFromWebhook(database: Database, orderId: string, payment: Payment): Promise<HandlerResult> {
  return database.transaction(async (tx) => {
    await tx.execute(sql`set local lock_timeout = '${sql.raw(WEBHOOK_LOCK_TIMEOUT)}'`);
    const order = await lockOrderByOrderId(tx, orderId);
    if (!order) return { outcome: "rejected", httpStatus: 404, detail: "unknown order" };
    const result = await settleOrderFromPayment(tx, order, payment, WEBHOOK_ACTOR);
    const read = `Toss says ${payment.status}`;
    if (result.changed) return { outcome: "processed", httpStatus: 200, detail: `${read}: ${order.status} → ${result.order.status}`, orderId };
    switch (result.reason) {
      case "UNCHANGED":
        return { outcome: "duplicate", httpStatus: 200, detail: `${read}: order already ${order.status}`, orderId };
      case "STILL_PENDING":
        return { outcome: "ignored", httpStatus: 200, detail: `${read}: nothing to apply yet`, orderId };
      case "MISMATCH":
        return { outcome: "ignored", httpStatus: 200, detail: `${read}: payment does not belong to this order`, orderId };
      case "UNREACHABLE":
        return { outcome: "ignored", httpStatus: 200, detail: `${read}: cannot apply to a ${result.order.status} order (needs attention)`, orderId };
    }
  });
}

export async function findOrderForWebhook(database: Database, orderId: string): Promise<Order | null> {
  const [row] = await database.select().from(orders).where(eq(orders.orderId, orderId)).limit(1);
  return row ?? null;
}
