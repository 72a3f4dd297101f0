import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { orders, type Order } from "@/db/schema";
import { orderLog } from "@/lib/log";
import { settleUnderOrderLock } from "@/lib/orders/settle";
import { recordUnparseablePayment } from "@/lib/orders/unparseable";
import type { PaymentProvider, PaymentSnapshot } from "@/lib/payments";
import { WEBHOOK_ACTOR, type HandlerResult } from "./deliveries";

/** Leaves room inside the provider's 10 s for the lock wait and the database work around the read. */
import { WAITED_READ_DEADLINE_MS as READ_DEADLINE_MS } from "@/lib/orders/provider-call-limits";
/** How long a webhook waits for an order row another request holds before answering 503. */
export const WEBHOOK_LOCK_TIMEOUT = "3s";
/**
 * One unauthenticated read of an order's payment per this interval, across every instance. The provider
 * redelivers after minutes, so a genuine hint answered 503 here loses nothing.
 */
const UNAUTHENTICATED_READ_INTERVAL = "10 seconds";

export type Lookup = { by: "paymentKey"; paymentKey: string } | { by: "orderId" };
export type ProviderRead = { kind: "payment"; payment: PaymentSnapshot } | { kind: "answer"; result: HandlerResult };

/**
 * Reads an order's payment from the provider, outside any transaction. `authenticated` deliveries (a
 * DEPOSIT_CALLBACK whose secret matched the stored one) always read. Others are hints anyone can
 * send: one read per order per 10 s across all instances (a row claim in the database), and a
 * delivery that finds the read taken answers 503 so that the provider delivers it again later.
 *
 * Every delivery reads for itself, never sharing another delivery's read: a deposit's callback
 * sharing the status change sent with it would take that hint's 503 (and wait minutes for the
 * provider's next attempt), or an answer read before the deposit (and miss it).
 */
export async function readPaymentForWebhook(database: Database, provider: PaymentProvider, order: Order, lookup: Lookup, authenticated: boolean): Promise<ProviderRead> {
  if (!authenticated && !(await claimRead(database, order.id))) {
    return { kind: "answer", result: { outcome: "retry", httpStatus: 503, detail: "this payment was read from the provider a moment ago; deliver again later" } };
  }
  return readFromProvider(database, provider, order, lookup);
}

async function claimRead(database: Database, orderDbId: number): Promise<boolean> {
  const claimed = await database
    .update(orders)
    .set({ paymentReadAt: sql`now()` })
    .where(sql`${orders.id} = ${orderDbId} and (${orders.paymentReadAt} is null or ${orders.paymentReadAt} < now() - interval '${sql.raw(UNAUTHENTICATED_READ_INTERVAL)}')`)
    .returning({ id: orders.id });
  return claimed.length > 0;
}

async function readFromProvider(database: Database, provider: PaymentProvider, order: Order, lookup: Lookup): Promise<ProviderRead> {
  try {
    const payment =
      lookup.by === "paymentKey"
        ? await provider.read(lookup.paymentKey, { deadlineMs: READ_DEADLINE_MS })
        : await provider.readByOrder(order.orderId, { deadlineMs: READ_DEADLINE_MS });
    return { kind: "payment", payment };
  } catch (error) {
    const failure = provider.classifyError(error);
    if (!failure) throw error;
    if (failure.kind === "missing") return { kind: "answer", result: { outcome: "ignored", httpStatus: 200, detail: `the provider knows no such payment (${failure.code})` } };
    if (failure.unreadable) {
      await recordUnparseablePayment(database, order, failure, "webhook", provider.label);
      return { kind: "answer", result: { outcome: "error", httpStatus: 200, detail: "the provider's answer did not parse; recorded for the owner" } };
    }
    // The provider is unreachable or failing for now: answer non-200 so it delivers again later.
    orderLog(order.orderId).warn({ code: failure.code }, "webhook could not read the payment from the provider");
    return { kind: "answer", result: { outcome: "retry", httpStatus: 503, detail: `could not read the payment from the provider: ${failure.code}` } };
  }
}

/**
 * Applies a payment read from the provider under the order's row lock, through
 * settleUnderOrderLock as /success and the sweeper do. The lock is waited for at most
 * WEBHOOK_LOCK_TIMEOUT; past it the caller answers 503.
 */
export async function settleFromWebhook(database: Database, orderId: string, payment: PaymentSnapshot): Promise<HandlerResult> {
  const read = `${payment.provider} says ${payment.providerStatus}`;
  let before = "";
  const answer = await settleUnderOrderLock(database, orderId, payment, {
    actor: WEBHOOK_ACTOR,
    lockTimeout: WEBHOOK_LOCK_TIMEOUT,
    before: async (_tx, order) => {
      before = order.status;
    },
    then: async (_tx, result): Promise<HandlerResult> => {
      if (result.changed) return { outcome: "processed", httpStatus: 200, detail: `${read}: ${before} → ${result.order.status}`, orderId };
      switch (result.reason) {
        case "UNCHANGED":
          return { outcome: "duplicate", httpStatus: 200, detail: `${read}: order already ${before}`, orderId };
        case "STILL_PENDING":
          return { outcome: "ignored", httpStatus: 200, detail: `${read}: nothing to apply yet`, orderId };
        case "MISMATCH":
          return { outcome: "ignored", httpStatus: 200, detail: `${read}: payment does not belong to this order`, orderId };
        case "UNREACHABLE":
          return { outcome: "ignored", httpStatus: 200, detail: `${read}: cannot apply to a ${result.order.status} order (needs attention)`, orderId };
      }
    },
  });
  return answer ?? { outcome: "rejected", httpStatus: 404, detail: "unknown order" };
}
