import type { Database } from "@/db/client";
import { isLockTimeout } from "@/db/errors";
import { AdmissionGate, webhookAdmissionLimits, type AdmissionLimits } from "@/lib/admission";
import { text } from "@/lib/input";
import { log, orderLog } from "@/lib/log";
import { paymentProvider, type PaymentProvider, type PaymentWebhookEvent } from "@/lib/payments";
import { storableBody } from "@/lib/payments/redact";
import {
  finishDelivery,
  recordDelivery,
  truncateUtf8,
  UNTRUSTED_BODY_BYTES,
  type DeliveryOutcome,
  type HandlerResult,
  type NewDelivery,
} from "./deliveries";
import { applyDepositCallback } from "./deposit";
import { applyStatusChanged } from "./status-changed";

/** Payment webhooks are a few kB; anything much larger is not one of them. */
export const MAX_WEBHOOK_BODY_BYTES = 64 * 1024;
/** Longest string a webhook body may carry; a provider's longest (a receipt URL, a message) is far shorter. */
const MAX_FIELD_LENGTH = 2_000;
const MAX_DEPTH = 8;

export type WebhookAnswer = { status: number; body: { ok: boolean; outcome: DeliveryOutcome; message: string } };

type Read =
  | { ok: true; event: PaymentWebhookEvent; eventType: string; orderId: string | null; paymentKey: string | null }
  | { ok: false; status: number; detail: string; eventType: string | null };

export type ReceiveOptions = { tooLarge?: boolean; provider?: PaymentProvider; admission?: Partial<AdmissionLimits> };

const admission = new AdmissionGate();
let shedSinceLog = 0;
let lastShedLogAt = 0;

/**
 * Handles one delivery if this process can take it now (lib/admission.ts); else it answers 503 at
 * once, before any database work, and the provider delivers it again a minute later (docs/toss.md §3.5).
 * Waiting longer would answer after the provider's 10-second deadline under a burst, which counts as
 * a failure and resends anyway, while every waiting delivery holds memory and the database's time.
 */
export async function receivePaymentWebhook(database: Database, rawBody: string, headers: Headers, options: ReceiveOptions = {}): Promise<WebhookAnswer> {
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
    return await handleDelivery(database, rawBody, headers, options);
  } finally {
    place.release();
  }
}

/**
 * One delivery to the provider's webhook route: records it first (its own insert, so it is on
 * record whatever happens next), then processes it (a provider read outside any transaction, then
 * the order's row lock), then writes down the outcome, the HTTP status and the processing time.
 * 200 means "handled, do not send again"; anything else makes the provider deliver again on its
 * schedule.
 */
async function handleDelivery(database: Database, rawBody: string, headers: Headers, options: ReceiveOptions): Promise<WebhookAnswer> {
  const started = performance.now();
  const provider = options.provider ?? paymentProvider();
  let deliveryId: number | null = null;
  let result: HandlerResult;
  let stored = "";
  try {
    const delivered = provider.webhooks.headers(headers);
    const read: Read = options.tooLarge
      ? { ok: false, status: 413, detail: `body larger than ${MAX_WEBHOOK_BODY_BYTES} bytes; first ${UNTRUSTED_BODY_BYTES} bytes kept`, eventType: null }
      : delivered.transmissionId === null
        ? { ok: false, status: 400, detail: "unreadable transmission id header", eventType: null }
        : readBody(provider, rawBody);
    stored = storableBody(rawBody);
    const fields: NewDelivery = {
      transmissionId: delivered.transmissionId ?? null,
      retriedCount: delivered.retriedCount,
      eventType: read.eventType,
      orderId: read.ok ? read.orderId : null,
      paymentKey: read.ok ? read.paymentKey : null,
      headers: delivered.kept,
      body: read.ok ? stored : truncateUtf8(stored, UNTRUSTED_BODY_BYTES),
    };
    const delivery = await recordDelivery(database, fields);
    deliveryId = delivery.id;
    if (!read.ok) result = { outcome: "invalid", httpStatus: read.status, detail: read.ok === false && Buffer.byteLength(stored) > UNTRUSTED_BODY_BYTES ? `${read.detail}; body truncated to ${UNTRUSTED_BODY_BYTES} bytes` : read.detail };
    else if (delivery.alreadyHandled) result = { outcome: "duplicate", httpStatus: 200, detail: "transmission already handled" };
    else result = await handle(database, provider, read.event);
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

function readBody(provider: PaymentProvider, raw: string): Read {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, status: 400, detail: "malformed JSON", eventType: null };
  }
  const unreadable = unreadableString(json, 0);
  if (unreadable) return { ok: false, status: 400, detail: unreadable, eventType: null };
  const parsed = provider.webhooks.parse(json);
  if (!parsed.ok) return { ok: false, status: 400, detail: parsed.detail, eventType: parsed.eventType };
  return { ok: true, event: parsed.event, eventType: parsed.eventType, orderId: parsed.orderId, paymentKey: parsed.reference };
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

async function handle(database: Database, provider: PaymentProvider, event: PaymentWebhookEvent): Promise<HandlerResult> {
  switch (event.kind) {
    case "deposit":
      return applyDepositCallback(database, provider, event);
    case "payment-changed":
      return applyStatusChanged(database, provider, { reference: event.reference, ...(event.orderId && { orderId: event.orderId }), hint: event.hint });
    case "cancel-changed":
      if (!event.reference) return { outcome: "ignored", httpStatus: 200, detail: "cancel event names no payment" };
      return applyStatusChanged(database, provider, { reference: event.reference, ...(event.orderId && { orderId: event.orderId }) });
    case "other":
      return { outcome: "ignored", httpStatus: 200, detail: `event ${event.eventType} is not used by this store` };
  }
}

function describe(error: unknown): string {
  const e = error as { message?: string; cause?: { message?: string } };
  return (e?.cause?.message ?? e?.message ?? String(error)).split("\n")[0]!.slice(0, 500);
}
