import { text } from "@/lib/input";
import type { ParsedWebhook, PaymentWebhookEvent, RefundTransferStatus, WebhookDeliveryHeaders } from "@/lib/payments/types";
import { TossSchemaError } from "./errors";
import { parseWebhookBody } from "./models";

// Toss's webhooks (docs/toss.md §3) in the store's words: which body is which, what it names,
// and the delivery headers worth keeping.

const TRANSMISSION_ID = "tosspayments-webhook-transmission-id";
const RETRIED_COUNT = "tosspayments-webhook-transmission-retried-count";
const transmissionIdSchema = text(200).min(1).optional();
const retriedCountSchema = text(9).regex(/^\d+$/).transform(Number).optional();

/** A Cancel object does not always name its payment: take what it offers. */
function cancelTarget(data: Record<string, unknown>): { reference: string | null; orderId: string | null } {
  const str = (v: unknown) => (typeof v === "string" && v.length > 0 && v.length <= 200 ? v : null);
  return { reference: str(data.paymentKey), orderId: str(data.orderId) };
}

const TRANSFER: ReadonlySet<string> = new Set<RefundTransferStatus>(["NONE", "PENDING", "COMPLETED", "FAILED", "PARTIAL_FAILED"]);

/** Tells Toss's webhook bodies apart; a body that is none of them is refused with the reason. */
export function parseTossWebhook(json: unknown): ParsedWebhook {
  const named = (json as { eventType?: unknown } | null)?.eventType;
  try {
    const body = parseWebhookBody(json);
    switch (body.eventType) {
      case "DEPOSIT_CALLBACK":
        return { ok: true, eventType: body.eventType, event: { kind: "deposit", orderId: body.orderId, secret: body.secret }, orderId: body.orderId, reference: null };
      case "PAYMENT_STATUS_CHANGED": {
        const p = body.payment;
        const refundStatus = p.virtualAccount?.refundStatus ?? null;
        const event: PaymentWebhookEvent = {
          kind: "payment-changed",
          reference: p.paymentKey,
          orderId: p.orderId,
          hint: {
            providerStatus: p.status,
            balance: p.balanceAmount,
            lastTransactionKey: p.lastTransactionKey,
            refundTransfer: refundStatus === null ? null : TRANSFER.has(refundStatus) ? (refundStatus as RefundTransferStatus) : "PENDING",
          },
        };
        return { ok: true, eventType: body.eventType, event, orderId: p.orderId, reference: p.paymentKey };
      }
      case "CANCEL_STATUS_CHANGED": {
        const { reference, orderId } = cancelTarget(body.data);
        return { ok: true, eventType: body.eventType, event: { kind: "cancel-changed", reference, orderId }, orderId, reference };
      }
      case "OTHER": {
        const eventType = body.originalEventType.slice(0, 100);
        return { ok: true, eventType, event: { kind: "other", eventType }, orderId: null, reference: null };
      }
    }
  } catch (error) {
    if (!(error instanceof TossSchemaError)) throw error;
    return { ok: false, detail: error.message.slice(0, 500), eventType: typeof named === "string" ? named.slice(0, 100) : null };
  }
}

/** Toss's transmission headers, and the headers a delivery record keeps (never cookies or credentials). */
export function tossWebhookHeaders(headers: Headers): WebhookDeliveryHeaders {
  const transmission = transmissionIdSchema.safeParse(headers.get(TRANSMISSION_ID) ?? undefined);
  const retried = retriedCountSchema.safeParse(headers.get(RETRIED_COUNT) ?? undefined);
  const kept: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (name.startsWith("tosspayments-") || name === "content-type" || name === "user-agent") kept[name] = value;
  });
  return {
    transmissionId: transmission.success ? transmission.data : null,
    retriedCount: retried.success ? (retried.data ?? null) : null,
    kept,
  };
}
