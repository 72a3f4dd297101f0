import { and, asc, eq, inArray, isNotNull } from "drizzle-orm";
import type { Executor, Transaction } from "@/db/client";
import { orderItems, paymentCancels, productEvents, type Order, type PaymentCancel } from "@/db/schema";
import { formatKRW } from "@/lib/money";
import type { PaymentSnapshot } from "@/lib/payments";
import * as stock from "@/lib/products/stock";
import { recordPaymentConflict } from "./conflicts";
import { recordPayment } from "./payments";
import { refundableLine, unrefundedLines, type ChosenLine } from "./refund-policy";
import { canTransition, recordOrderEvent, transitionOrder } from "./state";
import { FOLLOWS_CANCELS, isIn, SOLD } from "./status-groups";

// Where a payment's cancels land in the store: payment_cancels rows, refunded and restocked
// units, the order's state. refundOrder (lib/orders/refund.ts) asks the provider for a cancel;
// whatever the cancel's origin, settleOrderFromPayment hands it here under the order lock.

type RestockLine = ChosenLine;

/** Whether settleOrderFromPayment should hand this payment to applyCancelsFromPayment. */
export function paymentHasCancelsFor(order: Pick<Order, "status">, payment: Pick<PaymentSnapshot, "cancels" | "outcome">): boolean {
  return payment.cancels.length > 0 && isIn(FOLLOWS_CANCELS, order.status) && (payment.outcome === "CANCELED" || payment.outcome === "PARTIAL_CANCELED");
}

/**
 * Brings payment_cancels, the order's state and stock in line with a payment's cancels: the one
 * place a cancel lands, whether asked for here (refundOrder), made in the provider's dashboard, or
 * read from a webhook or the sweeper. Idempotent: cancels are keyed by the provider's
 * transactionKey, and a line is restocked at most up to its quantity (order_items.restocked_quantity).
 *
 * A cancel not asked for here (the provider's dashboard) restocks everything not yet restocked when it
 * empties the payment; a partial one restocks nothing, since it does not say which lines it was
 * for (the timeline says so, and the owner adjusts stock by hand). The caller holds the order lock.
 */
export async function applyCancelsFromPayment(tx: Transaction, order: Order, payment: PaymentSnapshot, actor: string): Promise<{ changed: boolean; order: Order }> {
  const stored = await recordPayment(tx, order.id, payment);
  const rows = await tx.select().from(paymentCancels).where(eq(paymentCancels.paymentId, stored.id)).orderBy(asc(paymentCancels.id));
  const known = new Set(rows.map((r) => r.transactionKey).filter((k): k is string => k !== null));
  const vaRefundStatus = payment.refundTransfer;
  const refundsToAccount = vaRefundStatus !== null && order.status !== "WAITING_FOR_DEPOSIT";
  const wasPaid = isIn(SOLD, order.status);

  const applied: PaymentCancel[] = [];
  for (const cancel of payment.cancels) {
    const transactionKey = cancel.transactionKey;
    if (!cancel.done) continue;
    const claimed = rows.find((r) => r.transactionKey === transactionKey && r.status === "REQUESTED");
    if (known.has(transactionKey) && !claimed) continue;
    const candidates = claimed
      ? [claimed]
      : rows.filter((r) => r.status === "REQUESTED" && r.transactionKey === null && r.amount === cancel.amount && (r.refundableAmount === null || cancel.balanceAfter === null || r.refundableAmount === cancel.amount + cancel.balanceAfter));
    // Two open requests for the same amount of the same balance: the refund call that made this
    // cancel links it itself (claimCancel); until then it is left alone.
    if (candidates.length > 1) continue;
    const done = {
      status: "DONE",
      transactionKey,
      canceledAt: cancel.canceledAt ?? new Date(),
      refundStatus: refundsToAccount ? vaRefundStatus : null,
    };
    if (candidates.length === 1) {
      const [row] = await tx.update(paymentCancels).set(done).where(eq(paymentCancels.id, candidates[0]!.id)).returning();
      applied.push(row!);
    } else {
      const [row] = await tx
        .insert(paymentCancels)
        .values({
          ...done,
          paymentId: stored.id,
          amount: cancel.amount,
          reason: cancel.reason ?? "",
          idempotencyKey: `${payment.provider}:${transactionKey}`,
          source: payment.provider,
          requestedBy: null,
          ...(await dashboardCancelLines(tx, order.id, wasPaid && cancel.balanceAfter === 0)),
        })
        .onConflictDoNothing()
        .returning();
      if (row) applied.push(row);
    }
    known.add(transactionKey);
  }

  let restocked = 0;
  for (const row of applied) {
    // A request written before refund_lines existed refunded what it restocked.
    const refundedLines = row.refundLines ?? row.restockLines ?? [];
    if (refundedLines.length > 0) await countRefundedUnits(tx, order.id, refundedLines);
    if (row.restockLines && row.restockLines.length > 0) restocked += await restockOrderLines(tx, order.id, row.restockLines, row.requestedBy ?? actor, `주문 ${order.orderId} 환불`);
  }

  const refundFailed = refundsToAccount && vaRefundStatus === "FAILED";
  const transferChanged = refundsToAccount && rows.some((r) => r.status === "DONE" && r.refundStatus !== null && r.refundStatus !== vaRefundStatus);
  if (transferChanged) {
    await tx
      .update(paymentCancels)
      .set({ refundStatus: vaRefundStatus })
      .where(and(eq(paymentCancels.paymentId, stored.id), eq(paymentCancels.status, "DONE"), isNotNull(paymentCancels.refundStatus)));
  }

  const amount = applied.reduce((sum, r) => sum + r.amount, 0);
  const byOwner = applied.find((r) => r.requestedBy !== null)?.requestedBy;
  const eventActor = byOwner ?? actor;
  const outside = applied.some((r) => r.source === payment.provider);
  const data = { paymentKey: payment.reference, balanceAmount: payment.balance, cancels: applied.map((r) => ({ transactionKey: r.transactionKey, amount: r.amount, source: r.source })), restockedUnits: restocked };
  const note = outside && !byOwner && payment.balance > 0 ? ` (${payment.providerLabel}에서 직접 취소된 부분 환불이라 재고는 그대로 두었습니다)` : "";
  const target = payment.outcome;
  let current = order;
  let changed = applied.length > 0;
  if ((target === "CANCELED" || target === "PARTIAL_CANCELED") && current.status !== "CANCELED" && (applied.length > 0 || target !== current.status)) {
    if (canTransition(current.status, target)) {
      const message = current.status === "WAITING_FOR_DEPOSIT" ? "입금 전 가상계좌 취소, 재고가 돌아갔습니다" : `${formatKRW(amount)} 환불, 잔액 ${formatKRW(payment.balance)}${note}`;
      const moved = await transitionOrder(
        tx,
        current,
        target,
        { type: target === "CANCELED" ? "REFUNDED" : "PARTIALLY_REFUNDED", message, data, actor: eventActor },
        target === "CANCELED" ? { canceledAt: new Date() } : {},
      );
      if (!moved) throw new Error(`Order ${order.orderId} changed under a held lock`);
      current = moved;
      changed = true;
    }
  } else if (applied.length > 0) {
    await recordOrderEvent(tx, current.id, { type: "REFUND_RECORDED", message: `${formatKRW(amount)} 환불 기록${note}`, data, actor: eventActor });
  }

  if (transferChanged || (refundFailed && applied.length > 0)) {
    changed = true;
    await recordOrderEvent(tx, current.id, {
      type: refundFailed ? "REFUND_TRANSFER_FAILED" : "REFUND_TRANSFER_UPDATED",
      message: refundFailed ? "환불 계좌로 송금하지 못했습니다. 확인이 필요합니다" : `환불 송금 상태: ${vaRefundStatus}`,
      data: { paymentKey: payment.reference, refundStatus: vaRefundStatus },
      actor,
    });
    if (refundFailed) {
      await recordPaymentConflict(tx, { kind: "REFUND_FAILED", source: "refund", orderId: order.orderId, paymentKey: payment.reference, detail: "가상계좌 환불 송금 실패 (refundStatus FAILED)" });
    }
  }
  return { changed, order: current };
}

/**
 * A cancel made in the provider's dashboard does not say which lines it was for: only one that empties a
 * paid payment is known to cover every unit not yet refunded, and puts them back in stock.
 */
async function dashboardCancelLines(tx: Executor, orderDbId: number, emptiesPaidPayment: boolean): Promise<{ refundLines: RestockLine[]; restockLines: RestockLine[] }> {
  if (!emptiesPaidPayment) return { refundLines: [], restockLines: [] };
  const lines = unrefundedLines((await tx.select().from(orderItems).where(eq(orderItems.orderId, orderDbId))).map(refundableLine));
  return { refundLines: lines, restockLines: lines };
}

function totalsByLine(lines: RestockLine[]): Map<number, number> {
  const wanted = new Map<number, number>();
  for (const l of lines) wanted.set(l.orderItemId, (wanted.get(l.orderItemId) ?? 0) + l.quantity);
  return wanted;
}

/** Counts a done cancel's units as refunded, each line at most up to its quantity. */
async function countRefundedUnits(tx: Transaction, orderDbId: number, lines: RestockLine[]): Promise<void> {
  const wanted = totalsByLine(lines);
  const items = await tx.select().from(orderItems).where(and(eq(orderItems.orderId, orderDbId), inArray(orderItems.id, [...wanted.keys()])));
  for (const item of items) {
    const take = Math.min(wanted.get(item.id) ?? 0, item.quantity - item.refundedQuantity);
    if (take > 0) await tx.update(orderItems).set({ refundedQuantity: item.refundedQuantity + take }).where(eq(orderItems.id, item.id));
  }
}

/**
 * Puts refunded units back in stock, each line at most up to the units refunded and not yet given
 * back, in product-id order; writes a product event per line. Returns the units restocked.
 */
async function restockOrderLines(tx: Transaction, orderDbId: number, lines: RestockLine[], actor: string, reason: string): Promise<number> {
  const items = await tx.select().from(orderItems).where(eq(orderItems.orderId, orderDbId));
  const wanted = totalsByLine(lines);
  const work = items
    .map((item) => ({ item, take: Math.min(wanted.get(item.id) ?? 0, item.refundedQuantity - item.restockedQuantity) }))
    .filter((w) => w.take > 0 && w.item.productId !== null)
    .sort((a, b) => a.item.productId! - b.item.productId!);
  let total = 0;
  for (const { item, take } of work) {
    await tx.update(orderItems).set({ restockedQuantity: item.restockedQuantity + take }).where(eq(orderItems.id, item.id));
    const change = await stock.restock(tx, item.productId!, take);
    if (!change) continue;
    await tx.insert(productEvents).values({ productId: item.productId!, type: "RESTOCKED_BY_REFUND", delta: take, stockAfter: change.after, reason, actor, data: { orderItemId: item.id } });
    total += take;
  }
  return total;
}
