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

export type NewDelivery = {
  transmissionId: string | null;
  retriedCount: number | null;
  eventType: string | null;
  orderId: string | null;
  paymentKey: string | null;
  headers: Record<string, string>;
  body: string;
};

/** What is kept of a body that failed authentication or could not be read. */
export const UNTRUSTED_BODY_BYTES = 4 * 1024;

/** At most `maxBytes` of UTF-8, cut on a character boundary. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, "utf8") <= maxBytes) return text;
  let cut = Buffer.from(text, "utf8").subarray(0, maxBytes).toString("utf8");
  // A character split by the cut decodes as U+FFFD: drop it.
  if (cut.endsWith("\uFFFD")) cut = cut.slice(0, -1);
  return cut;
}

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
    });
  return { id: row!.id, alreadyHandled: row!.alreadyHandled === true };
}

/** Writes down what became of a delivery; `body`, when given, replaces the stored one (a shortened copy). */
export async function finishDelivery(db: Executor, id: number, result: HandlerResult & { processingMs: number; body?: string }): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({
      outcome: result.outcome,
      outcomeDetail: result.detail,
      httpStatus: result.httpStatus,
      processingMs: result.processingMs,
      ...(result.orderId !== undefined && { orderId: result.orderId }),
      ...(result.body !== undefined && { body: result.body }),
    })
    .where(eq(webhookDeliveries.id, id));
}

/** The deliveries that named an order (by its orderId), newest first, for the admin's order page. */
export async function listDeliveriesForOrder(db: Executor, orderId: string, limit = 100): Promise<WebhookDelivery[]> {
  return db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.orderId, orderId))
    .orderBy(desc(webhookDeliveries.receivedAt), desc(webhookDeliveries.id))
    .limit(limit);
}
