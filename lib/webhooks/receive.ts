import { db as defaultDb, type Database } from "@/db/client";
import { AdmissionGate, webhookAdmissionLimits, type AdmissionLimits } from "@/lib/admission";
import { text } from "@/lib/input";
import { log, orderLog } from "@/lib/log";
import type { TossClient } from "@/lib/toss/client";
import { TossSchemaError } from "@/lib/toss/errors";
import { parseWebhookBody, type WebhookBody } from "@/lib/toss/models";
import {
  finishDelivery,
  keptHeaders,
  recordDelivery,
  storableBody,
  truncateUtf8,
  UNTRUSTED_BODY_BYTES,
  type DeliveryOutcome,
  type HandlerResult,
  type NewDelivery,
} from "./deliveries";
import { applyDepositCallback } from "./deposit";
import { applyStatusChanged } from "./status-changed";

/** Toss's payment webhooks are a few kB; anything much larger is not one of them. */
export const MAX_WEBHOOK_BODY_BYTES = 64 * 1024;
/** Longest string a webhook body may carry; Toss's longest (a receipt URL, a message) is far shorter. */
const MAX_FIELD_LENGTH = 2_000;
const MAX_DEPTH = 8;

export type WebhookAnswer = { status: number; body: { ok: boolean; outcome: DeliveryOutcome; message: string } };

type Read =
  | { ok: true; body: WebhookBody; eventType: string; orderId: string | null; paymentKey: string | null }
  | { ok: false; status: number; detail: string; eventType: string | null };

const TRANSMISSION_ID = "tosspayments-webhook-transmission-id";
const RETRIED_COUNT = "tosspayments-webhook-transmission-retried-count";
const transmissionIdSchema = text(200).min(1).optional();
const retriedCountSchema = text(9).regex(/^\d+$/).transform(Number).optional();

export type ReceiveOptions = { tooLarge?: boolean; db?: Database; toss?: TossClient; admission?: Partial<AdmissionLimits> };

const admission = new AdmissionGate();
let shedSinceLog = 0;
let lastShedLogAt = 0;

/**
 * Handles one delivery if this process can take it now (lib/admission.ts); else it answers 503 at
 * once, before any database work, and Toss delivers it again a minute later (docs/toss.md §3.5).
 * Waiting longer would answer after Toss's 10-second deadline under a burst, which Toss counts as
 * a failure and resends anyway, while every waiting delivery holds memory and the database's time.
 */
export async function receiveTossWebhook(rawBody: string, headers: Headers, options: ReceiveOptions = {}): Promise<WebhookAnswer> {
  const limits = { ...webhookAdmissionLimits(), ...options.admission };
  const place = await admission.enter(limits);
  if (!place.admitted) {
    shedSinceLog++;
    if (Date.now() - lastShedLogAt >= 5_000) {
      log.warn({ shed: shedSinceLog, ...limits }, "webhook deliveries answered 503: this process was handling its limit");
      shedSinceLog = 0;
      lastShedLogAt = Date.now();
    }
    return { status: 503, body: { ok: false, outcome: "retry", message: `busy with ${limits.concurrency} deliveries; deliver again later` } };
  }
  try {
    return await handleDelivery(rawBody, headers, options);
  } finally {
    place.release();
  }
}

/**
 * One delivery to POST /api/webhooks/toss: records it first (its own insert, so it is on
 * record whatever happens next), then processes it (a Toss read outside any transaction, then the
 * order's row lock), then writes down the outcome, the HTTP status and the processing time. 200
 * means "handled, do not send again"; anything else makes Toss deliver again on its schedule.
 */
async function handleDelivery(rawBody: string, headers: Headers, options: ReceiveOptions): Promise<WebhookAnswer> {
  const started = performance.now();
  const database = options.db ?? defaultDb;
  let deliveryId: number | null = null;
  let result: HandlerResult;
  let stored = "";
  try {
    const transmission = transmissionIdSchema.safeParse(headers.get(TRANSMISSION_ID) ?? undefined);
    const retried = retriedCountSchema.safeParse(headers.get(RETRIED_COUNT) ?? undefined);
    const read: Read = options.tooLarge
      ? { ok: false, status: 413, detail: `body larger than ${MAX_WEBHOOK_BODY_BYTES} bytes; first ${UNTRUSTED_BODY_BYTES} bytes kept`, eventType: null }
      : !transmission.success
        ? { ok: false, status: 400, detail: "unreadable transmission id header", eventType: null }
        : readBody(rawBody);
    stored = storableBody(rawBody);
    const fields: NewDelivery = {
      transmissionId: transmission.success ? (transmission.data ?? null) : null,
      retriedCount: retried.success ? (retried.data ?? null) : null,
      eventType: read.eventType,
      orderId: read.ok ? read.orderId : null,
      paymentKey: read.ok ? read.paymentKey : null,
      headers: keptHeaders(headers),
      body: read.ok ? stored : truncateUtf8(stored, UNTRUSTED_BODY_BYTES),
    };
    const delivery = await recordDelivery(database, fields);
    deliveryId = delivery.id;
    if (!read.ok) result = { outcome: "invalid", httpStatus: read.status, detail: read.ok === false && Buffer.byteLength(stored) > UNTRUSTED_BODY_BYTES ? `${read.detail}; body truncated to ${UNTRUSTED_BODY_BYTES} bytes` : read.detail };
    else if (delivery.alreadyHandled) result = { outcome: "duplicate", httpStatus: 200, detail: "transmission already handled" };
    else result = await handle(database, read.body, options.toss);
  } catch (error) {
    const lockTimeout = isLockTimeout(error);
    if (lockTimeout) log.warn({ deliveryId }, "webhook found the order locked past the lock timeout; answering 503");
    else log.error({ err: error, deliveryId }, "webhook delivery failed");
    result = { outcome: lockTimeout ? "retry" : "error", httpStatus: lockTimeout ? 503 : 500, detail: lockTimeout ? "the order is locked by another request; deliver again later" : describe(error) };
  }
  if (result.orderId) orderLog(result.orderId).info({ deliveryId, outcome: result.outcome, status: result.httpStatus }, result.detail);

  if (deliveryId !== null) {
    // A delivery that failed authentication keeps only the start of its body.
    const untrusted = result.outcome === "rejected" && Buffer.byteLength(stored) > UNTRUSTED_BODY_BYTES;
    await finishDelivery(database, deliveryId, {
      ...result,
      ...(untrusted && { body: truncateUtf8(stored, UNTRUSTED_BODY_BYTES), detail: `${result.detail}; body truncated to ${UNTRUSTED_BODY_BYTES} bytes` }),
      processingMs: Math.round(performance.now() - started),
    });
  }
  return { status: result.httpStatus, body: { ok: result.httpStatus === 200, outcome: result.outcome, message: result.detail } };
}

function readBody(raw: string): Read {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, status: 400, detail: "malformed JSON", eventType: null };
  }
  const unreadable = unreadableString(json, 0);
  if (unreadable) return { ok: false, status: 400, detail: unreadable, eventType: null };
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

const fieldText = text(MAX_FIELD_LENGTH);

/** Every key and string of the body through the one input rule; nesting bounded. Null when all pass. */
function unreadableString(value: unknown, depth: number): string | null {
  if (depth > MAX_DEPTH) return `body nested deeper than ${MAX_DEPTH}`;
  if (typeof value === "string") return fieldText.safeParse(value).success ? null : "a string in the body is too long or not storable text";
  if (Array.isArray(value)) {
    for (const item of value) {
      const bad = unreadableString(item, depth + 1);
      if (bad) return bad;
    }
    return null;
  }
  if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const bad = unreadableString(key, depth + 1) ?? unreadableString(item, depth + 1);
      if (bad) return bad;
    }
  }
  return null;
}

/** A Cancel object does not always name its payment: take what it offers. */
function cancelTarget(data: Record<string, unknown>): { paymentKey: string | null; orderId: string | null } {
  const str = (v: unknown) => (typeof v === "string" && v.length > 0 && v.length <= 200 ? v : null);
  return { paymentKey: str(data.paymentKey), orderId: str(data.orderId) };
}

async function handle(database: Database, body: WebhookBody, toss: TossClient | undefined): Promise<HandlerResult> {
  switch (body.eventType) {
    case "DEPOSIT_CALLBACK":
      return applyDepositCallback(database, body, toss);
    case "PAYMENT_STATUS_CHANGED":
      return applyStatusChanged(
        database,
        {
          paymentKey: body.payment.paymentKey,
          orderId: body.payment.orderId,
          status: body.payment.status,
          balanceAmount: body.payment.balanceAmount,
          lastTransactionKey: body.payment.lastTransactionKey,
          refundStatus: body.payment.virtualAccount?.refundStatus ?? null,
        },
        toss,
      );
    case "CANCEL_STATUS_CHANGED": {
      const { paymentKey, orderId } = cancelTarget(body.data);
      if (!paymentKey) return { outcome: "ignored", httpStatus: 200, detail: "cancel event names no payment" };
      return applyStatusChanged(database, { paymentKey, ...(orderId && { orderId }) }, toss);
    }
    case "OTHER":
      return { outcome: "ignored", httpStatus: 200, detail: `event ${body.originalEventType} is not used by this store` };
  }
}

function isLockTimeout(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return (e?.code ?? e?.cause?.code) === "55P03";
}

function describe(error: unknown): string {
  const e = error as { message?: string; cause?: { message?: string } };
  return (e?.cause?.message ?? e?.message ?? String(error)).split("\n")[0]!.slice(0, 500);
}
