import type { Transaction } from "@/db/client";
import type { Order, OrderStatus } from "@/db/schema";
import { removeBoughtFromCart } from "@/lib/cart";
import { orderLog } from "@/lib/log";
import { formatKRW } from "@/lib/money";
import type { Payment } from "@/lib/toss/models";
import { paymentOutcome } from "@/lib/toss/payment";
import { recordPaymentConflictOnce } from "./conflicts";
import { recordPayment } from "./payments";
import { applyCancelsFromPayment, paymentHasCancelsFor } from "./refund";
import { canTransition, recordOrderEvent, transitionOrder } from "./state";

export type SettleResult =
  | { changed: true; order: Order }
  | { changed: false; order: Order; reason: "UNCHANGED" | "STILL_PENDING" | "MISMATCH" | "UNREACHABLE" };

/** Virtual-account moves after the account was issued have words of their own. */
const EVENT_BY_MOVE: Partial<Record<`${OrderStatus}>${OrderStatus}`, { type: string; message: (p: Payment) => string }>> = {
  "WAITING_FOR_DEPOSIT>PAID": { type: "DEPOSIT_RECEIVED", message: (p) => `가상계좌 입금 확인, ${formatKRW(p.totalAmount)}` },
  "PAID>WAITING_FOR_DEPOSIT": { type: "DEPOSIT_REVERTED", message: () => "입금 오류로 입금이 취소되어 다시 입금 대기 중입니다" },
  "WAITING_FOR_DEPOSIT>CANCELED": { type: "VIRTUAL_ACCOUNT_CANCELED", message: () => "가상계좌 결제가 취소되었습니다" },
};

const EVENT_BY_TARGET: Partial<Record<OrderStatus, { type: string; message: (p: Payment) => string }>> = {
  PAID: { type: "PAYMENT_APPROVED", message: (p) => `${p.method ?? "결제"} ${formatKRW(p.totalAmount)} 승인` },
  WAITING_FOR_DEPOSIT: { type: "VIRTUAL_ACCOUNT_ISSUED", message: (p) => `가상계좌 발급, ${formatKRW(p.totalAmount)} 입금 대기` },
  FAILED: { type: "PAYMENT_FAILED", message: (p) => p.failure?.message ?? "결제가 완료되지 않았습니다" },
  CANCELED: { type: "PAYMENT_CANCELED", message: () => "결제가 취소되었습니다" },
  PARTIAL_CANCELED: { type: "PAYMENT_PARTIALLY_CANCELED", message: (p) => `부분 취소, 잔액 ${formatKRW(p.balanceAmount)}` },
};

/**
 * Brings an order in line with what Toss says about its payment: stores the Payment, then moves
 * the order to the matching state (through CONFIRMING when it is still PENDING). The one place
 * that turns a Toss Payment into an order state — confirm, the sweeper and the webhooks call it.
 *
 * Idempotent: the same payment applied twice changes nothing the second time. The caller must
 * hold the order's row lock (lockOrderByOrderId) in `tx`. A payment for another order, another
 * amount or another paymentKey than the one the order claimed is refused and logged, not applied.
 */
export async function settleOrderFromPayment(tx: Transaction, order: Order, payment: Payment, actor: string): Promise<SettleResult> {
  const problem =
    payment.orderId !== order.orderId
      ? "another orderId"
      : payment.totalAmount !== order.amount
        ? `amount ${payment.totalAmount} ≠ stored ${order.amount}`
        : order.paymentKey !== null && order.paymentKey !== payment.paymentKey
          ? "another paymentKey"
          : null;
  if (problem) {
    orderLog(order.orderId).warn({ paymentKey: payment.paymentKey, problem }, "payment not applied: it does not match the order");
    // Money Toss holds that the store will not book: an owner must look at it (the dashboard).
    await recordPaymentConflictOnce(tx, {
      kind: "PAYMENT_MISMATCH",
      source: actor,
      orderId: order.orderId,
      paymentKey: payment.paymentKey,
      detail: `결제 ${formatKRW(payment.totalAmount)} (${payment.orderId})가 주문 ${formatKRW(order.amount)}과 맞지 않아 반영하지 않았어요: ${problem}`,
    });
    await recordOrderEvent(tx, order.id, {
      type: "PAYMENT_MISMATCH",
      message: `주문과 맞지 않는 결제 정보를 받아 반영하지 않았습니다 (${problem})`,
      data: { paymentKey: payment.paymentKey, paymentOrderId: payment.orderId, paymentAmount: payment.totalAmount, orderAmount: order.amount, orderPaymentKey: order.paymentKey },
      actor,
    });
    return { changed: false, order, reason: "MISMATCH" };
  }

  await recordPayment(tx, order.id, payment);
  if (paymentHasCancelsFor(order, payment)) {
    const synced = await applyCancelsFromPayment(tx, order, payment, actor);
    return synced.changed ? { changed: true, order: synced.order } : { changed: false, order: synced.order, reason: "UNCHANGED" };
  }

  const target = paymentOutcome(payment);
  if (target === "PENDING") return { changed: false, order, reason: "STILL_PENDING" };
  if (target === order.status) return { changed: false, order, reason: "UNCHANGED" };

  let current = order;
  if (current.status === "PENDING" && canTransition("CONFIRMING", target)) {
    const claimed = await transitionOrder(tx, current, "CONFIRMING", { type: "CONFIRM_OBSERVED", message: "토스페이먼츠에서 결제 결과를 확인했습니다", actor }, { paymentKey: payment.paymentKey });
    if (!claimed) throw new Error(`Order ${order.orderId} changed under a held lock`);
    current = claimed;
  }
  if (!canTransition(current.status, target)) {
    // e.g. a payment approved for an order that already expired: money without an order, for a person to refund.
    orderLog(order.orderId).warn({ orderStatus: current.status, tossStatus: payment.status }, "payment state cannot apply to the order: needs attention");
    if (payment.balanceAmount > 0 && (target === "PAID" || target === "PARTIAL_CANCELED")) {
      await recordPaymentConflictOnce(tx, {
        kind: "UNKNOWN_ORDER",
        source: actor,
        orderId: order.orderId,
        paymentKey: payment.paymentKey,
        detail: `이미 끝난 주문(${current.status})에 ${formatKRW(payment.balanceAmount)}이 결제됐어요. 환불하거나 주문을 확인해 주세요`,
      });
    }
    await recordOrderEvent(tx, current.id, {
      type: "PAYMENT_STATE_CONFLICT",
      message: `주문은 ${current.status} 상태인데 결제는 ${payment.status}입니다. 확인이 필요합니다`,
      data: { paymentKey: payment.paymentKey, paymentStatus: payment.status, orderStatus: current.status },
      actor,
    });
    return { changed: false, order: current, reason: "UNREACHABLE" };
  }

  const describe = EVENT_BY_MOVE[`${current.status}>${target}`] ?? EVENT_BY_TARGET[target]!;
  // Toss's approvedAt is the approval, or for a virtual account the deposit.
  const approvedAt = payment.approvedAt ? new Date(payment.approvedAt) : null;
  const lastCancelAt = payment.cancels?.at(-1)?.canceledAt;
  const canceledAt = lastCancelAt ? new Date(lastCancelAt) : null;
  const next = await transitionOrder(
    tx,
    current,
    target,
    {
      type: describe.type,
      message: describe.message(payment),
      data: { paymentKey: payment.paymentKey, tossStatus: payment.status, method: payment.method, ...(payment.failure && { failure: payment.failure }) },
      actor,
    },
    {
      paymentKey: payment.paymentKey,
      ...(target === "PAID" && { paidAt: validDate(approvedAt) ?? new Date() }),
      ...(target === "WAITING_FOR_DEPOSIT" && { paidAt: null }),
      ...(target === "CANCELED" && { canceledAt: validDate(canceledAt) ?? new Date() }),
    },
  );
  if (!next) throw new Error(`Order ${order.orderId} changed under a held lock`);
  // The cart was bought once the payment is accepted; a later deposit must not touch it again.
  if (current.status === "CONFIRMING" && (target === "PAID" || target === "WAITING_FOR_DEPOSIT") && current.cartId) {
    await removeBoughtFromCart(tx, current.cartId, current.id);
  }
  return { changed: true, order: next };
}

function validDate(date: Date | null): Date | null {
  return date && !Number.isNaN(date.getTime()) ? date : null;
}
