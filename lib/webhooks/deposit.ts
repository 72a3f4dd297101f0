import { and, eq } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { orders, payments, type NewOrder, type Order, type OrderStatus } from "@/db/schema";
import { formatKRW } from "@/lib/money";
import { canTransition, recordOrderEvent, transitionOrder } from "@/lib/orders/state";
import type { DepositCallback } from "@/lib/toss/models";
import { paymentOutcome } from "@/lib/toss/payment";
import { WEBHOOK_ACTOR, type HandlerResult } from "./deliveries";
import { secretsMatch } from "./secret";
import { readAndSettle } from "./settle-from-toss";

/**
 * Toss's clock and ours may disagree by this much. A callback older than the order's last change
 * (plus this margin) may be a late retry of something already superseded: it is checked against
 * Toss instead of being applied as it stands.
 */
export const CLOCK_SKEW_MS = 5_000;

/** Webhook `createdAt` is Korean local time without an offset (toss-api.md §3.2): `2026-01-02T14:46:59.65327`. */
export function webhookTime(createdAt: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?$/.test(createdAt)) return null;
  const [whole, fraction = ""] = createdAt.split(".");
  const date = new Date(`${whole}.${fraction.padEnd(3, "0").slice(0, 3)}+09:00`);
  return Number.isNaN(date.getTime()) ? null : date;
}

const EVENTS: Partial<Record<OrderStatus, { type: string; message: (order: Order) => string }>> = {
  PAID: { type: "DEPOSIT_RECEIVED", message: (o) => `가상계좌 입금 확인, ${formatKRW(o.amount)}` },
  WAITING_FOR_DEPOSIT: { type: "DEPOSIT_REVERTED", message: () => "입금 오류로 입금이 취소되어 다시 입금 대기 중입니다" },
  CANCELED: { type: "VIRTUAL_ACCOUNT_CANCELED", message: () => "가상계좌 결제가 취소되었습니다" },
  PARTIAL_CANCELED: { type: "PAYMENT_PARTIALLY_CANCELED", message: () => "결제가 부분 취소되었습니다" },
};

/**
 * DEPOSIT_CALLBACK, under the order's row lock:
 * - unknown order, or a secret that is not the one stored from the confirm response → rejected;
 * - secret matches → the callback's status is applied (it is authenticated by the secret);
 * - no secret stored yet because the confirm response is still on its way (order PENDING or
 *   CONFIRMING) → the payment is read from Toss by orderId, the secret checked against Toss's,
 *   and Toss's answer settled, so the deposit is never lost and no retry is needed;
 * - a callback that may be older than the order's last change → Toss's current answer is applied.
 */
export async function applyDepositCallback(tx: Transaction, callback: DepositCallback): Promise<HandlerResult> {
  // The order row locked and the secret of the payment it claimed, in one round trip.
  const [row] = await tx
    .select({ order: orders, paymentId: payments.id, secret: payments.secret, paymentKey: payments.paymentKey })
    .from(orders)
    .leftJoin(payments, and(eq(payments.orderId, orders.id), eq(payments.paymentKey, orders.paymentKey)))
    .where(eq(orders.orderId, callback.orderId))
    .for("update", { of: orders })
    .limit(1);
  if (!row) return { outcome: "rejected", httpStatus: 404, detail: "unknown order" };
  const order = row.order;
  const stored = row.paymentId !== null && row.paymentKey !== null ? { id: row.paymentId, secret: row.secret, paymentKey: row.paymentKey } : null;

  if (!stored?.secret) {
    if (order.status !== "PENDING" && order.status !== "CONFIRMING") {
      return { outcome: "rejected", httpStatus: 403, detail: `no payment secret stored for a ${order.status} order` };
    }
    return readAndSettle(tx, order, { by: "orderId", expectSecret: callback.secret });
  }
  if (!secretsMatch(stored.secret, callback.secret)) return { outcome: "rejected", httpStatus: 403, detail: "secret mismatch" };

  const target = paymentOutcome(callback);
  if (target === order.status) return { outcome: "duplicate", httpStatus: 200, detail: `order already ${order.status}` };

  const happenedAt = webhookTime(callback.createdAt);
  if (!happenedAt || happenedAt.getTime() - CLOCK_SKEW_MS <= order.statusChangedAt.getTime()) {
    return readAndSettle(tx, order, { by: "paymentKey", paymentKey: stored.paymentKey });
  }

  const event = EVENTS[target];
  if (!event || !canTransition(order.status, target)) {
    // e.g. money deposited into an order that already expired: a person has to refund it.
    await recordOrderEvent(tx, order.id, {
      type: "PAYMENT_STATE_CONFLICT",
      message: `주문은 ${order.status} 상태인데 입금 알림은 ${callback.status}입니다. 확인이 필요합니다`,
      data: { orderStatus: order.status, tossStatus: callback.status, transactionKey: callback.transactionKey },
      actor: WEBHOOK_ACTOR,
    });
    return { outcome: "ignored", httpStatus: 200, detail: `${callback.status} does not apply to a ${order.status} order` };
  }

  const set: Partial<Pick<NewOrder, "paidAt" | "canceledAt">> =
    target === "PAID" ? { paidAt: happenedAt } : target === "WAITING_FOR_DEPOSIT" ? { paidAt: null } : target === "CANCELED" ? { canceledAt: happenedAt } : {};
  // The payment row's update goes out with the transition's statements (pipelined, one wait).
  const [moved] = await Promise.all([
    transitionOrder(
      tx,
      order,
      target,
      {
        type: event.type,
        message: event.message(order),
        data: { paymentKey: stored.paymentKey, tossStatus: callback.status, transactionKey: callback.transactionKey, createdAt: callback.createdAt },
        actor: WEBHOOK_ACTOR,
      },
      set,
    ),
    tx
      .update(payments)
      .set({ tossStatus: callback.status, approvedAt: target === "PAID" ? happenedAt : target === "WAITING_FOR_DEPOSIT" ? null : undefined, updatedAt: new Date() })
      .where(eq(payments.id, stored.id)),
  ]);
  if (!moved) throw new Error(`Order ${order.orderId} changed under a held lock`);
  return { outcome: "processed", httpStatus: 200, detail: `${order.status} → ${target}` };
}
