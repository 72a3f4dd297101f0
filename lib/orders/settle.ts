import { sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import type { Order, OrderStatus } from "@/db/schema";
import { removeBoughtFromCart } from "@/lib/cart";
import { orderLog } from "@/lib/log";
import { formatKRW } from "@/lib/money";
import type { PaymentSnapshot } from "@/lib/payments";
import { recordPaymentConflictOnce } from "./conflicts";
import { recordPayment } from "./payments";
import { applyCancelsFromPayment, paymentHasCancelsFor } from "./cancels";
import { canTransition, lockOrderByOrderId, recordOrderEvent, transitionOrder } from "./state";

export type SettleResult =
  | { changed: true; order: Order }
  | { changed: false; order: Order; reason: "UNCHANGED" | "STILL_PENDING" | "MISMATCH" | "UNREACHABLE" };

/** Virtual-account moves after the account was issued have words of their own. */
const EVENT_BY_MOVE: Partial<Record<`${OrderStatus}>${OrderStatus}`, { type: string; message: (p: PaymentSnapshot) => string }>> = {
  "WAITING_FOR_DEPOSIT>PAID": { type: "DEPOSIT_RECEIVED", message: (p) => `가상계좌 입금 확인, ${formatKRW(p.amount)}` },
  "PAID>WAITING_FOR_DEPOSIT": { type: "DEPOSIT_REVERTED", message: () => "입금 오류로 입금이 취소되어 다시 입금 대기 중입니다" },
  "WAITING_FOR_DEPOSIT>CANCELED": { type: "VIRTUAL_ACCOUNT_CANCELED", message: () => "가상계좌 결제가 취소되었습니다" },
};

const EVENT_BY_TARGET: Partial<Record<OrderStatus, { type: string; message: (p: PaymentSnapshot) => string }>> = {
  PAID: { type: "PAYMENT_APPROVED", message: (p) => `${p.methodLabel ?? "결제"} ${formatKRW(p.amount)} 승인` },
  WAITING_FOR_DEPOSIT: { type: "VIRTUAL_ACCOUNT_ISSUED", message: (p) => `가상계좌 발급, ${formatKRW(p.amount)} 입금 대기` },
  FAILED: { type: "PAYMENT_FAILED", message: (p) => p.failure?.message ?? "결제가 완료되지 않았습니다" },
  CANCELED: { type: "PAYMENT_CANCELED", message: () => "결제가 취소되었습니다" },
  PARTIAL_CANCELED: { type: "PAYMENT_PARTIALLY_CANCELED", message: (p) => `부분 취소, 잔액 ${formatKRW(p.balance)}` },
};

/**
 * Brings an order in line with what the provider says about its payment: stores the snapshot,
 * then moves the order to the matching state (through CONFIRMING when it is still PENDING). The
 * one place that turns a payment into an order state; callers reach it through
 * settleUnderOrderLock.
 *
 * Idempotent: the same payment applied twice changes nothing the second time. The caller must
 * hold the order's row lock (lockOrderByOrderId) in `tx`. A payment for another order, another
 * amount or another paymentKey than the one the order claimed is refused and logged, not applied.
 */
export async function settleOrderFromPayment(tx: Transaction, order: Order, payment: PaymentSnapshot, actor: string): Promise<SettleResult> {
  const problem =
    payment.orderId !== order.orderId
      ? "another orderId"
      : payment.amount !== order.amount
        ? `amount ${payment.amount} ≠ stored ${order.amount}`
        : order.paymentKey !== null && order.paymentKey !== payment.reference
          ? "another paymentKey"
          : null;
  if (problem) {
    orderLog(order.orderId).warn({ paymentKey: payment.reference, problem }, "payment not applied: it does not match the order");
    // Money the provider holds that the store will not book: an owner must look at it (the dashboard).
    await recordPaymentConflictOnce(tx, {
      kind: "PAYMENT_MISMATCH",
      source: actor,
      orderId: order.orderId,
      paymentKey: payment.reference,
      detail: `결제 ${formatKRW(payment.amount)} (${payment.orderId})가 주문 ${formatKRW(order.amount)}과 맞지 않아 반영하지 않았어요: ${problem}`,
    });
    await recordOrderEvent(tx, order.id, {
      type: "PAYMENT_MISMATCH",
      message: `주문과 맞지 않는 결제 정보를 받아 반영하지 않았습니다 (${problem})`,
      data: { paymentKey: payment.reference, paymentOrderId: payment.orderId, paymentAmount: payment.amount, orderAmount: order.amount, orderPaymentKey: order.paymentKey },
      actor,
    });
    return { changed: false, order, reason: "MISMATCH" };
  }

  await recordPayment(tx, order.id, payment);
  if (paymentHasCancelsFor(order, payment)) {
    const synced = await applyCancelsFromPayment(tx, order, payment, actor);
    return synced.changed ? { changed: true, order: synced.order } : { changed: false, order: synced.order, reason: "UNCHANGED" };
  }

  const target = payment.outcome;
  if (target === "PENDING") return { changed: false, order, reason: "STILL_PENDING" };
  if (target === order.status) return { changed: false, order, reason: "UNCHANGED" };

  let current = order;
  if (current.status === "PENDING" && canTransition("CONFIRMING", target)) {
    const claimed = await transitionOrder(tx, current, "CONFIRMING", { type: "CONFIRM_OBSERVED", message: `${payment.providerLabel}에서 결제 결과를 확인했습니다`, actor }, { paymentKey: payment.reference });
    if (!claimed) throw new Error(`Order ${order.orderId} changed under a held lock`);
    current = claimed;
  }
  if (!canTransition(current.status, target)) {
    // e.g. a payment approved for an order that already expired: money without an order, for a person to refund.
    orderLog(order.orderId).warn({ orderStatus: current.status, providerStatus: payment.providerStatus }, "payment state cannot apply to the order: needs attention");
    if (payment.balance > 0 && (target === "PAID" || target === "PARTIAL_CANCELED")) {
      await recordPaymentConflictOnce(tx, {
        kind: "UNKNOWN_ORDER",
        source: actor,
        orderId: order.orderId,
        paymentKey: payment.reference,
        detail: `이미 끝난 주문(${current.status})에 ${formatKRW(payment.balance)}이 결제됐어요. 환불하거나 주문을 확인해 주세요`,
      });
    }
    await recordOrderEvent(tx, current.id, {
      type: "PAYMENT_STATE_CONFLICT",
      message: `주문은 ${current.status} 상태인데 결제는 ${payment.outcome}입니다. 확인이 필요합니다`,
      data: { paymentKey: payment.reference, paymentStatus: payment.providerStatus, orderStatus: current.status },
      actor,
    });
    return { changed: false, order: current, reason: "UNREACHABLE" };
  }

  const describe = EVENT_BY_MOVE[`${current.status}>${target}`] ?? EVENT_BY_TARGET[target]!;
  // approvedAt is the approval, or for a virtual account the deposit.
  const approvedAt = payment.approvedAt;
  const canceledAt = payment.cancels.at(-1)?.canceledAt ?? null;
  const next = await transitionOrder(
    tx,
    current,
    target,
    {
      type: describe.type,
      message: describe.message(payment),
      data: { paymentKey: payment.reference, providerStatus: payment.providerStatus, method: payment.methodLabel, ...(payment.failure && { failure: payment.failure }) },
      actor,
    },
    {
      paymentKey: payment.reference,
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

export type SettleUnderLockOptions<T> = {
  actor: string;
  /** Settle only an order still in this state (a sweeper's lease); otherwise nothing is done. */
  onlyIf?: OrderStatus;
  /** How long to wait for the row lock (e.g. "3s"); past it the database raises 55P03. */
  lockTimeout?: string;
  /** Work that belongs before the settle, in its transaction (a refund links its request row). */
  before?: (tx: Transaction, order: Order) => Promise<void>;
  /** Work that belongs after the settle, in its transaction; its value is returned. */
  then?: (tx: Transaction, settled: SettleResult) => Promise<T>;
};

/**
 * The one "lock the order, then settle from this payment": a payment read or answered by the
 * provider (with no transaction open) is applied in a short transaction under the order's row
 * lock. /success, the sweeper, the webhooks and refunds all come here. Null when the order does
 * not exist or is no longer in `onlyIf`.
 */
export async function settleUnderOrderLock<T = SettleResult>(db: Database, orderId: string, payment: PaymentSnapshot, options: SettleUnderLockOptions<T>): Promise<T | null> {
  return db.transaction(async (tx) => {
    if (options.lockTimeout && !/^\d{1,5}(ms|s)$/.test(options.lockTimeout)) throw new Error(`Not a lock timeout: ${options.lockTimeout}`);
    if (options.lockTimeout) await tx.execute(sql`set local lock_timeout = '${sql.raw(options.lockTimeout)}'`);
    const order = await lockOrderByOrderId(tx, orderId);
    if (!order || (options.onlyIf && order.status !== options.onlyIf)) return null;
    await options.before?.(tx, order);
    const settled = await settleOrderFromPayment(tx, order, payment, options.actor);
    return options.then ? options.then(tx, settled) : (settled as T);
  });
}
