import { desc, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { webhookDeliveries, type WebhookDelivery } from "@/db/schema";

/** received → processed | duplicate | ignored | rejected | invalid | retry | error */
export type DeliveryOutcome = "processed" | "duplicate" | "ignored" | "rejected" | "invalid" | "retry" | "error";

/** What handling one delivery came to; `orderId` corrects the one the body named, once known. */
export type HandlerResult = { outcome: DeliveryOutcome; httpStatus: number; detail: string; orderId?: string };

/** Order events written by webhooks carry this actor. */
export const WEBHOOK_ACTOR = "webhook";

/** Outcomes after which a redelivery of the same transmission has nothing left to do. */
export const SETTLED_OUTCOMES: DeliveryOutcome[] = ["processed", "duplicate", "ignored"];

/** Only Toss's own headers and the content type are kept: never cookies or credentials. */
export function keptHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (name.startsWith("tosspayments-") || name === "content-type" || name === "user-agent") kept[name] = value;
  });
  return kept;
}

export type NewDelivery = {
  transmissionId: string | null;
  retriedCount: number | null;
  eventType: string | null;
  orderId: string | null;
  paymentKey: string | null;
  headers: Record<string, string>;
  body: string;
};

/**
 * The delivery log does not wait for its own disk flush: a flush costs ~1 ms here and up to
 * 100 ms under disk contention, twice per delivery. `set_config(…, true)` in RETURNING turns
 * synchronous_commit off for the statement's own (implicit) transaction, which reads it at commit:
 * one round trip, no BEGIN/SET/COMMIT. Nothing that matters is lost: the WAL is sequential, so the
 * order change committed (and flushed) after the insert makes the insert durable too; only the
 * outcome written afterwards could be lost in a database crash, and no order state depends on it.
 */
const noFlush = sql<string>`set_config('synchronous_commit', 'off', true)`;

/**
 * Its own statement, committed before any processing: a delivery is on record whatever happens
 * next. The same statement says whether an earlier delivery of this transmission was already
 * handled for good (a redelivery after our 200 got lost).
 */
export async function recordDelivery(db: Executor, delivery: NewDelivery): Promise<{ id: number; alreadyHandled: boolean }> {
  const settled = sql.join(SETTLED_OUTCOMES.map((o) => sql`${o}`), sql`, `);
  const [row] = await db
    .insert(webhookDeliveries)
    .values(delivery)
    .returning({
      id: webhookDeliveries.id,
      alreadyHandled: sql<boolean>`exists (select 1 from ${webhookDeliveries} earlier where earlier.transmission_id = ${delivery.transmissionId} and earlier.outcome in (${settled}))`,
      noFlush,
    });
  return { id: row!.id, alreadyHandled: row!.alreadyHandled === true };
}

export async function finishDelivery(db: Executor, id: number, result: HandlerResult & { processingMs: number }): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({
      outcome: result.outcome,
      outcomeDetail: result.detail,
      httpStatus: result.httpStatus,
      processingMs: result.processingMs,
      ...(result.orderId !== undefined && { orderId: result.orderId }),
    })
    .where(eq(webhookDeliveries.id, id))
    .returning({ noFlush });
}

/** The deliveries that named an order (by Toss's orderId), newest first, for the admin's order page. */
export async function listDeliveriesForOrder(db: Executor, orderId: string, limit = 100): Promise<WebhookDelivery[]> {
  return db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.orderId, orderId))
    .orderBy(desc(webhookDeliveries.receivedAt), desc(webhookDeliveries.id))
    .limit(limit);
}
