import { and, desc, eq, inArray, ne } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { webhookDeliveries, type WebhookDelivery } from "@/db/schema";

/** received → processed | duplicate | ignored | rejected | invalid | retry | error */
export type DeliveryOutcome = "processed" | "duplicate" | "ignored" | "rejected" | "invalid" | "retry" | "error";

/** What handling one delivery came to; `orderId` corrects the one the body named, once known. */
export type HandlerResult = { outcome: DeliveryOutcome; httpStatus: number; detail: string; orderId?: string };

/** Order events written by webhooks carry this actor. */
export const WEBHOOK_ACTOR = "webhook";

/** Outcomes after which a redelivery of the same transmission has nothing left to do. */
const SETTLED_OUTCOMES: DeliveryOutcome[] = ["processed", "duplicate", "ignored"];

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

/** Its own statement, committed before any processing: a delivery is on record whatever happens next. */
export async function recordDelivery(db: Executor, delivery: NewDelivery): Promise<number> {
  const [row] = await db.insert(webhookDeliveries).values(delivery).returning({ id: webhookDeliveries.id });
  return row!.id;
}

export async function finishDelivery(
  db: Executor,
  id: number,
  result: HandlerResult & { processingMs: number },
): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({
      outcome: result.outcome,
      outcomeDetail: result.detail,
      httpStatus: result.httpStatus,
      processingMs: result.processingMs,
      ...(result.orderId !== undefined && { orderId: result.orderId }),
    })
    .where(eq(webhookDeliveries.id, id));
}

/** Whether an earlier delivery of this transmission was already handled for good. */
export async function transmissionAlreadyHandled(db: Executor, transmissionId: string, exceptId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.transmissionId, transmissionId),
        ne(webhookDeliveries.id, exceptId),
        inArray(webhookDeliveries.outcome, SETTLED_OUTCOMES),
      ),
    )
    .limit(1);
  return row !== undefined;
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
