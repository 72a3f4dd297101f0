import type { Executor } from "@/db/client";
import type { Order } from "@/db/schema";
import type { PaymentFailure } from "@/lib/payments";
import { storableBody } from "@/lib/payments/redact";
import { recordPaymentConflictOnce } from "./conflicts";
import { recordOrderEvent } from "./state";

/**
 * A provider's answer that did not read as a payment: stored raw (secret replaced) as a conflict
 * the owner sees, and written on the order's timeline, so the order never waits in silence. Does
 * nothing for any other failure.
 */
export async function recordUnparseablePayment(db: Executor, order: Pick<Order, "id" | "orderId" | "paymentKey">, failure: PaymentFailure | null, source: string, providerLabel: string): Promise<void> {
  if (!failure?.unreadable) return;
  const { raw, issues } = failure.unreadable;
  const text = typeof raw === "string" ? raw : JSON.stringify(raw ?? null);
  const recorded = await recordPaymentConflictOnce(db, {
    kind: "UNPARSEABLE_PAYMENT",
    source,
    orderId: order.orderId,
    paymentKey: order.paymentKey,
    detail: failure.message.slice(0, 500),
    raw: storableBody(text).slice(0, 64 * 1024),
  });
  // One open conflict per order is enough for the owner; later sweeps would only repeat it.
  if (!recorded) return;
  await recordOrderEvent(db, order.id, {
    type: "PAYMENT_UNPARSEABLE",
    message: `${providerLabel}의 결제 정보를 읽지 못해 관리자 확인이 필요합니다`,
    data: { issues: issues.slice(0, 5) },
    actor: source,
  });
}
