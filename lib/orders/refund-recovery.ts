import { and, asc, eq, inArray, lt } from "drizzle-orm";
import type { Database } from "@/db/client";
import { paymentCancels, payments, orders } from "@/db/schema";
import { orderLog } from "@/lib/log";
import { providerOf, type PaymentProvider, type PaymentSnapshot } from "@/lib/payments";
import { BACKGROUND_CALL_DEADLINE_MS, SWEEP_BATCH_SIZE } from "./provider-call-limits";
import { settleUnderOrderLock } from "./settle";

// The sweeper's part of refunds: a refund request whose answer never came (the server stopped,
// the call timed out) is settled from what the provider says, or given up when it never arrived.

/** How long a refund call may still be in flight before the sweeper reads the payment instead. */
const PENDING_REFUND_AFTER_MS = 60_000;
/** A request the provider still shows no cancel for after this long never reached it. */
const PENDING_REFUND_GIVE_UP_MS = 15 * 60_000;

/**
 * The sweeper's part of refunds: a request left REQUESTED (a timeout, a crash) is settled by
 * reading the payment from the provider, outside any transaction, then settling it under the
 * order lock. A request that the provider still does not show long after is marked FAILED.
 * Returns the rows settled.
 */
export async function settlePendingRefunds(db: Database, options: { provider?: PaymentProvider; now?: Date; afterMs?: number } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - (options.afterMs ?? PENDING_REFUND_AFTER_MS));
  const pending = await db
    .select({ id: paymentCancels.id, createdAt: paymentCancels.createdAt, paymentKey: payments.paymentKey, provider: payments.provider, orderId: orders.orderId })
    .from(paymentCancels)
    .innerJoin(payments, eq(payments.id, paymentCancels.paymentId))
    .innerJoin(orders, eq(orders.id, payments.orderId))
    .where(and(eq(paymentCancels.status, "REQUESTED"), lt(paymentCancels.createdAt, cutoff)))
    .orderBy(asc(paymentCancels.createdAt))
    .limit(SWEEP_BATCH_SIZE);
  let settled = 0;
  for (const paymentKey of new Set(pending.map((p) => p.paymentKey))) {
    const mine = pending.filter((p) => p.paymentKey === paymentKey);
    const provider = options.provider ?? providerOf(mine[0]!.provider);
    let payment: PaymentSnapshot;
    try {
      payment = await provider.read(paymentKey, { deadlineMs: BACKGROUND_CALL_DEADLINE_MS });
    } catch (error) {
      orderLog(mine[0]!.orderId).warn({ code: provider.classifyError(error)?.code ?? String(error) }, "pending refund: provider unreachable, retried next sweep");
      continue;
    }
    await settleUnderOrderLock(db, mine[0]!.orderId, payment, {
      actor: "sweeper",
      then: async (tx) => {
        const ids = mine.map((m) => m.id);
        const left = await tx.select().from(paymentCancels).where(and(inArray(paymentCancels.id, ids), eq(paymentCancels.status, "REQUESTED")));
        settled += ids.length - left.length;
        const stale = left.filter((r) => now.getTime() - r.createdAt.getTime() > PENDING_REFUND_GIVE_UP_MS).map((r) => r.id);
        if (stale.length > 0) {
          await tx
            .update(paymentCancels)
            .set({ status: "FAILED", failureCode: "NOT_FOUND_AT_PROVIDER", failureMessage: `${provider.label}에 취소 기록이 없어 실패로 처리했습니다` })
            .where(inArray(paymentCancels.id, stale));
          settled += stale.length;
        }
      },
    });
  }
  return settled;
}
