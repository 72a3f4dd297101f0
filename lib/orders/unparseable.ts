import type { Executor } from "@/db/client";
import type { Order } from "@/db/schema";
import { storableBody } from "@/lib/webhooks/deliveries";
import type { TossSchemaError } from "@/lib/toss/errors";
import { recordPaymentConflictOnce } from "./conflicts";
import { recordOrderEvent } from "./state";

/**
 * A Toss answer that did not parse as a Payment: stored raw (secret replaced) as a conflict the
 * owner sees, and written on the order's timeline, so the order never waits in silence.
 */
export async function recordUnparseablePayment(db: Executor, order: Pick<Order, "id" | "orderId" | "paymentKey">, error: TossSchemaError, source: string): Promise<void> {
  const raw = typeof error.raw === "string" ? error.raw : JSON.stringify(error.raw ?? null);
  const recorded = await recordPaymentConflictOnce(db, {
    kind: "UNPARSEABLE_PAYMENT",
    source,
    orderId: order.orderId,
    paymentKey: order.paymentKey,
    detail: error.message.slice(0, 500),
    raw: storableBody(raw).slice(0, 64 * 1024),
  });
  // One open conflict per order is enough for the owner; later sweeps would only repeat it.
  if (!recorded) return;
  await recordOrderEvent(db, order.id, {
    type: "PAYMENT_UNPARSEABLE",
    message: "토스페이먼츠의 결제 정보를 읽지 못해 관리자 확인이 필요합니다",
    data: { issues: error.issues?.slice(0, 5) ?? [] },
    actor: source,
  });
}
