import { sql } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import { TossSchemaError } from "@/lib/toss/errors";
import { parseWebhookBody, type WebhookBody } from "@/lib/toss/models";
import { paymentOutcome } from "@/lib/toss/payment";
import { finishDelivery, keptHeaders, recordDelivery, type DeliveryOutcome, type HandlerResult, type NewDelivery } from "./deliveries";
import { applyDepositCallback, webhookTime } from "./deposit";
import { applyDepositInOneStatement } from "./deposit-fast";
import { applyStatusChanged } from "./status-changed";

/** Toss's payment webhooks are a few kB; anything much larger is not one of them. */
export const MAX_WEBHOOK_BODY_BYTES = 64 * 1024;

export type WebhookAnswer = { status: number; body: { ok: boolean; outcome: DeliveryOutcome; message: string } };

type Read =
  | { ok: true; body: WebhookBody; eventType: string; orderId: string | null; paymentKey: string | null }
  | { ok: false; status: number; detail: string; eventType: string | null };

const TRANSMISSION_ID = "tosspayments-webhook-transmission-id";
const RETRIED_COUNT = "tosspayments-webhook-transmission-retried-count";

/**
 * Handles one delivery to POST /api/webhooks/toss: records it first (its own insert, so it is on
 * record whatever happens next), then processes it in a transaction under the order's row lock,
 * then writes down the outcome, the HTTP status and the processing time. 200 means "handled, do
 * not send again"; anything else makes Toss deliver again on its schedule.
 */
export async function receiveTossWebhook(
  rawBody: string,
  headers: Headers,
  options: { tooLarge?: boolean } = {},
): Promise<WebhookAnswer> {
  const started = performance.now();
  const read = options.tooLarge
    ? ({ ok: false, status: 413, detail: `body larger than ${MAX_WEBHOOK_BODY_BYTES} bytes`, eventType: null } as const)
    : readBody(rawBody);
  const transmissionId = headers.get(TRANSMISSION_ID)?.slice(0, 200) || null;
  const retried = Number.parseInt(headers.get(RETRIED_COUNT) ?? "", 10);

  const fields: NewDelivery = {
    transmissionId,
    retriedCount: Number.isSafeInteger(retried) && retried >= 0 ? retried : null,
    eventType: read.eventType,
    orderId: read.ok ? read.orderId : null,
    paymentKey: read.ok ? read.paymentKey : null,
    headers: keptHeaders(headers),
    body: options.tooLarge ? rawBody.slice(0, 1024) : rawBody,
  };

  let delivery: { id: number; alreadyHandled: boolean };
  if (read.ok && read.body.eventType === "DEPOSIT_CALLBACK" && paymentOutcome(read.body) === "PAID" && webhookTime(read.body.createdAt)) {
    // Most deposits settle in one statement; anything unusual goes the general way below.
    const fast = await applyDepositInOneStatement(db, read.body, fields, Date.now() - (performance.now() - started));
    if (fast.applied) {
      return { status: 200, body: { ok: true, outcome: "processed", message: "WAITING_FOR_DEPOSIT → PAID" } };
    }
    delivery = { id: fast.deliveryId, alreadyHandled: fast.alreadyHandled };
  } else {
    delivery = await recordDelivery(db, fields);
  }

  let result: HandlerResult;
  try {
    if (!read.ok) result = { outcome: "invalid", httpStatus: read.status, detail: read.detail };
    else if (delivery.alreadyHandled) {
      result = { outcome: "duplicate", httpStatus: 200, detail: "transmission already handled" };
    } else result = await handle(read.body);
  } catch (error) {
    console.error(`[jangteo] webhook delivery ${delivery.id} failed:`, error);
    result = { outcome: isLockTimeout(error) ? "retry" : "error", httpStatus: isLockTimeout(error) ? 503 : 500, detail: describe(error) };
  }

  await finishDelivery(db, delivery.id, { ...result, processingMs: Math.round(performance.now() - started) });
  return { status: result.httpStatus, body: { ok: result.httpStatus === 200, outcome: result.outcome, message: result.detail } };
}

function readBody(raw: string): Read {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, status: 400, detail: "malformed JSON", eventType: null };
  }
  const named = (json as { eventType?: unknown } | null)?.eventType;
  try {
    const body = parseWebhookBody(json);
    switch (body.eventType) {
      case "DEPOSIT_CALLBACK":
        return { ok: true, body, eventType: body.eventType, orderId: body.orderId, paymentKey: null };
      case "PAYMENT_STATUS_CHANGED":
        return { ok: true, body, eventType: body.eventType, orderId: body.payment.orderId, paymentKey: body.payment.paymentKey };
      case "CANCEL_STATUS_CHANGED": {
        const { paymentKey, orderId } = cancelTarget(body.data);
        return { ok: true, body, eventType: body.eventType, orderId, paymentKey };
      }
      case "OTHER":
        return { ok: true, body, eventType: body.originalEventType.slice(0, 100), orderId: null, paymentKey: null };
    }
  } catch (error) {
    if (!(error instanceof TossSchemaError)) throw error;
    return { ok: false, status: 400, detail: error.message.slice(0, 500), eventType: typeof named === "string" ? named.slice(0, 100) : null };
  }
}

/** A Cancel object does not always name its payment: take what it offers. */
function cancelTarget(data: Record<string, unknown>): { paymentKey: string | null; orderId: string | null } {
  const str = (v: unknown) => (typeof v === "string" && v.length > 0 && v.length <= 200 ? v : null);
  return { paymentKey: str(data.paymentKey), orderId: str(data.orderId) };
}

async function handle(body: WebhookBody): Promise<HandlerResult> {
  switch (body.eventType) {
    case "DEPOSIT_CALLBACK":
      return inOrderTransaction((tx) => applyDepositCallback(tx, body));
    case "PAYMENT_STATUS_CHANGED":
      return inOrderTransaction((tx) => applyStatusChanged(tx, body.payment));
    case "CANCEL_STATUS_CHANGED": {
      const { paymentKey, orderId } = cancelTarget(body.data);
      if (!paymentKey) return { outcome: "ignored", httpStatus: 200, detail: "cancel event names no payment" };
      return inOrderTransaction((tx) => applyStatusChanged(tx, { paymentKey, orderId: orderId ?? undefined }));
    }
    case "OTHER":
      return { outcome: "ignored", httpStatus: 200, detail: `event ${body.originalEventType} is not used by this store` };
  }
}

/**
 * A lock held elsewhere (a confirm being stored) is waited for, but not past Toss's 10 s. When
 * nothing changed (a duplicate, a rejection) the commit does not wait for the disk either.
 */
async function inOrderTransaction(work: (tx: Transaction) => Promise<HandlerResult>): Promise<HandlerResult> {
  return db.transaction(async (tx) => {
    // Not awaited on its own: sent in the same write as the first query of `work` (pipelined).
    const [, result] = await Promise.all([tx.execute(sql`set local lock_timeout = '4s'`), work(tx)]);
    if (result.outcome !== "processed") await tx.execute(sql`set local synchronous_commit = off`);
    return result;
  });
}

function isLockTimeout(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return (e?.code ?? e?.cause?.code) === "55P03";
}

function describe(error: unknown): string {
  const e = error as { message?: string; cause?: { message?: string } };
  return (e?.cause?.message ?? e?.message ?? String(error)).split("\n")[0]!.slice(0, 500);
}
