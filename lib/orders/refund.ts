import { and, asc, eq, inArray, isNotNull, lt } from "drizzle-orm";
import { z } from "zod";
import type { Database, Executor, Transaction } from "@/db/client";
import { orderItems, orders, paymentCancels, payments, productEvents, type Order, type OrderStatus, type PaymentCancel } from "@/db/schema";
import { fieldErrorsOf, text } from "@/lib/input";
import { adminActorName, type AdminActor } from "@/lib/auth/actor";
import { orderLog } from "@/lib/log";
import * as stock from "@/lib/products/stock";
import { formatKRW } from "@/lib/money";
import { providerOf, type PaymentProvider, type PaymentSnapshot } from "@/lib/payments";
import { isBankCode } from "@/lib/payments/banks";
import { cancelNeedsRefundAccount } from "@/lib/payments/rules";
import { recordPaymentConflict } from "./conflicts";
import { isRefundable, linesRefusal, refundableLine, refundAmountForLines, refundedUnits, refundRefusal, refundRules, unrefundedLines, type ChosenLine, type RefundRules } from "./refund-policy";
import { paymentOfOrder, recordPayment } from "./payments";
import { ORDER_ID_PATTERN } from "./order-id";
import { FOLLOWS_CANCELS, isIn, SOLD } from "./status-groups";
import { BACKGROUND_CALL_DEADLINE_MS, SWEEP_BATCH_SIZE } from "./provider-call-limits";
import { settleUnderOrderLock } from "./settle";
import { canTransition, recordOrderEvent, transitionOrder } from "./state";

const krw = (message: string) => z.coerce.number({ error: message }).int(message);

export const refundAccountSchema = z.object({
  bank: text(4, "은행을 선택해 주세요").refine(isBankCode, "은행을 선택해 주세요"),
  accountNumber: text(40, "계좌번호는 숫자 6~20자리로 입력해 주세요")
    .transform((v) => v.replace(/[\s-]/g, ""))
    .pipe(z.string().regex(/^\d{6,20}$/, "계좌번호는 숫자 6~20자리로 입력해 주세요")),
  holderName: text(60, "예금주 이름은 60자 이내로 입력해 주세요").trim().min(1, "예금주 이름을 입력해 주세요"),
});
export type RefundAccountInput = z.input<typeof refundAccountSchema>;

export const refundRequestSchema = z.object({
  orderId: text(64, "주문번호가 올바르지 않아요").regex(ORDER_ID_PATTERN, "주문번호가 올바르지 않아요"),
  /** Made when the dialog opens, so that a double submit is one request. */
  idempotencyKey: text(300, "요청 키가 올바르지 않아요").regex(/^[A-Za-z0-9_:-]{8,300}$/, "요청 키가 올바르지 않아요"),
  reason: text(200, "환불 사유는 200자 이내로 입력해 주세요").trim().min(1, "환불 사유를 입력해 주세요"),
  /** KRW; omitted → the sum of the chosen lines. */
  amount: krw("환불 금액을 숫자로 입력해 주세요").optional(),
  /** The cancelable balance the owner saw when the dialog opened. */
  expectedBalance: krw("잔액 정보가 올바르지 않아요").nonnegative("잔액 정보가 올바르지 않아요"),
  lines: z
    .array(z.object({ orderItemId: krw("상품 줄이 올바르지 않아요").positive(), quantity: krw("수량을 숫자로 입력해 주세요").min(0, "수량은 0 이상이어야 해요") }))
    .max(200)
    .default([]),
  /** Put the refunded lines back in stock (on by default, as on Shopify's refund page). */
  restock: z.boolean().default(true),
  refundAccount: refundAccountSchema.optional(),
});
export type RefundRequest = z.input<typeof refundRequestSchema>;

export type RefundResult =
  | { ok: true; status: "DONE"; orderStatus: OrderStatus; balanceAmount: number }
  | { ok: true; status: "PENDING"; message: string }
  | { ok: false; message: string; fieldErrors?: Record<string, string>; code?: string };

type RestockLine = ChosenLine;

function refused(message: string, fieldErrors?: Record<string, string>): RefundResult {
  return { ok: false, message, ...(fieldErrors && { fieldErrors }) };
}

/** The refund policy's rules for an order and its stored payment. */
export function refundRulesFor(orderStatus: OrderStatus, stored: PaymentSnapshot | null): RefundRules {
  return refundRules({ orderStatus, partialCancelable: stored?.partialCancelAllowed !== false, refundsByTransfer: stored !== null && cancelNeedsRefundAccount(stored) });
}

function maskAccountNumber(number: string): string {
  return `${"*".repeat(Math.max(0, number.length - 4))}${number.slice(-4)}`;
}

/**
 * An owner refunds all or part of an order's payment. Every rule is checked before any call to
 * the provider; the request row is written first with its Idempotency-Key, then the provider is
 * asked to cancel with the balance the owner saw as the expected balance (so a second refund of
 * the same balance, by a double submit or another owner, is refused), and only then the answer is
 * settled under the order lock (settleUnderOrderLock). No transaction is open during the call.
 */
export async function refundOrder(db: Database, actor: AdminActor, input: unknown, deps: { provider?: PaymentProvider } = {}): Promise<RefundResult> {
  const parsed = refundRequestSchema.safeParse(input);
  if (!parsed.success) {
    return refused("입력한 내용을 확인해 주세요", fieldErrorsOf(parsed.error));
  }
  const request = parsed.data;
  if (actor.role !== "owner") return refused("환불은 소유자 계정만 할 수 있어요");

  const [row] = await db
    .select({ order: orders, payment: payments })
    .from(orders)
    .innerJoin(payments, paymentOfOrder)
    .where(eq(orders.orderId, request.orderId))
    .limit(1);
  if (!row) return refused("결제된 주문을 찾을 수 없어요");
  const { order, payment } = row;
  const provider = deps.provider ?? providerOf(payment.provider);

  const existing = await findCancelByIdempotencyKey(db, request.idempotencyKey);
  if (existing) return resultOfExisting(db, provider, existing, order.id, payment.id);

  if (!isRefundable(order.status)) return refused(`이 주문은 환불할 수 없는 상태예요 (${order.status})`);
  const balance = payment.balanceAmount;
  if (request.expectedBalance !== balance) return refused(`잔액이 ${formatKRW(balance)}으로 바뀌었어요. 새로 고친 뒤 다시 시도해 주세요`);

  const items = (await db.select().from(orderItems).where(eq(orderItems.orderId, order.id))).map(refundableLine);
  const badLines = linesRefusal(items, request.lines);
  if (badLines) return refused(badLines, { lines: badLines });
  const amount = request.amount ?? refundAmountForLines(items, request.lines, balance);
  const rules = refundRulesFor(order.status, provider.snapshotOf(payment.raw));
  const refusal = refundRefusal(rules, { amount, balance, hasRefundAccount: request.refundAccount !== undefined });
  if (refusal) return refused(refusal.message, refusal.field && { [refusal.field]: refusal.fieldMessage! });

  const refundLines = refundedUnits(rules, items, request.lines, amount === balance);
  const restockLines = request.restock ? refundLines : [];
  const account = rules.needsRefundAccount ? request.refundAccount : undefined;

  const [inserted] = await db
    .insert(paymentCancels)
    .values({
      paymentId: payment.id,
      amount,
      reason: request.reason,
      idempotencyKey: request.idempotencyKey,
      status: "REQUESTED",
      requestedBy: adminActorName(actor),
      source: "admin",
      refundableAmount: balance,
      refundLines,
      restockLines,
      refundAccount: account ? { bankCode: account.bank, accountNumberMasked: maskAccountNumber(account.accountNumber), holderName: account.holderName } : null,
    })
    .onConflictDoNothing({ target: paymentCancels.idempotencyKey })
    .returning();
  if (!inserted) {
    // The same submit raced this one to the insert: it makes the call, this one reports on it.
    const other = await findCancelByIdempotencyKey(db, request.idempotencyKey);
    return other ? resultOfExisting(db, provider, other, order.id, payment.id) : refused("환불 요청을 저장하지 못했어요");
  }

  const log = orderLog(order.orderId);
  let answer: PaymentSnapshot;
  try {
    answer = await provider.cancel(
      order.paymentKey!,
      { reason: request.reason, amount, expectedBalance: balance, ...(account && { refundAccount: account }) },
      { idempotencyKey: request.idempotencyKey },
    );
  } catch (error) {
    const failure = provider.classifyError(error);
    if (!failure) throw error;
    if (failure.kind === "unknown") {
      // The outcome is unknown: the request stays REQUESTED and settlePendingRefunds reads the payment later.
      log.warn({ cancelId: inserted.id, code: failure.code }, "refund outcome unknown; left for the sweeper");
      return { ok: true, status: "PENDING", message: `${provider.label}의 응답이 늦어 환불 결과를 확인하고 있어요. 잠시 후 주문을 다시 열어 주세요` };
    }
    await db
      .update(paymentCancels)
      .set({ status: "FAILED", failureCode: failure.code, failureMessage: failure.message })
      .where(and(eq(paymentCancels.id, inserted.id), eq(paymentCancels.status, "REQUESTED")));
    log.info({ cancelId: inserted.id, code: failure.code }, "refund refused by the provider");
    return { ok: false, code: failure.code, message: `${provider.label}가 환불을 거절했어요: ${failure.message}` };
  }

  const ours = answer.cancels.find((c) => c.transactionKey === answer.lastTransactionKey) ?? answer.cancels.find((c) => c.amount === amount && c.balanceAfter === balance - amount);
  const settled = await settleUnderOrderLock(db, order.orderId, answer, {
    actor: adminActorName(actor),
    before: async (tx) => {
      if (ours) await claimCancel(tx, inserted.id, ours.transactionKey);
    },
    then: async (_tx, result) => result.order.status,
  });
  if (!settled) throw new Error(`Order ${order.orderId} disappeared during a refund`);
  return { ok: true, status: "DONE", orderStatus: settled, balanceAmount: answer.balance };
}

async function findCancelByIdempotencyKey(db: Executor, key: string): Promise<PaymentCancel | null> {
  const [row] = await db.select().from(paymentCancels).where(eq(paymentCancels.idempotencyKey, key)).limit(1);
  return row ?? null;
}

/**
 * The answer for a request key seen before. A key belongs to the refund of one payment: the same
 * key sent for another order is refused, never reported as that order's refund.
 */
async function resultOfExisting(db: Executor, provider: PaymentProvider, cancel: PaymentCancel, orderDbId: number, paymentDbId: number): Promise<RefundResult> {
  if (cancel.paymentId !== paymentDbId) return refused("이 환불 요청 키는 다른 주문에 쓰였어요. 창을 새로 열어 다시 시도해 주세요");
  if (cancel.status === "FAILED") return { ok: false, code: cancel.failureCode ?? undefined, message: `${provider.label}가 환불을 거절했어요: ${cancel.failureMessage ?? ""}` };
  if (cancel.status === "REQUESTED") return { ok: true, status: "PENDING", message: "이미 처리 중인 환불 요청이에요" };
  const [order] = await db.select({ status: orders.status }).from(orders).where(eq(orders.id, orderDbId));
  const [payment] = await db.select({ balance: payments.balanceAmount }).from(payments).where(eq(payments.id, cancel.paymentId));
  return { ok: true, status: "DONE", orderStatus: order!.status, balanceAmount: payment!.balance };
}

/** Links our request row to the cancel the provider made for it, unless that cancel is already on record. */
async function claimCancel(tx: Transaction, cancelId: number, transactionKey: string): Promise<void> {
  const [taken] = await tx.select({ id: paymentCancels.id }).from(paymentCancels).where(eq(paymentCancels.transactionKey, transactionKey)).limit(1);
  if (taken) return;
  await tx
    .update(paymentCancels)
    .set({ transactionKey })
    .where(and(eq(paymentCancels.id, cancelId), eq(paymentCancels.status, "REQUESTED")));
}

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

/** How long a refund call may still be in flight before the sweeper reads the payment instead. */
const PENDING_REFUND_AFTER_MS = 60_000;
/** A request the provider still shows no cancel for after this long never reached it. */
const PENDING_REFUND_GIVE_UP_MS = 15 * 60_000;

/**
 * The sweeper's part of refunds: a request left REQUESTED (a timeout, a crash) is settled by
 * reading the payment from the provider, outside any transaction, then settling it under the
 * order lock. A request that the provider still does not show long after is marked FAILED.
 * Returns the rows settled.
 */
export async function settlePendingRefunds(db: Database, options: { provider?: PaymentProvider; now?: Date; afterMs?: number } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - (options.afterMs ?? PENDING_REFUND_AFTER_MS));
  const pending = await db
    .select({ id: paymentCancels.id, createdAt: paymentCancels.createdAt, paymentKey: payments.paymentKey, provider: payments.provider, orderId: orders.orderId })
    .from(paymentCancels)
    .innerJoin(payments, eq(payments.id, paymentCancels.paymentId))
    .innerJoin(orders, eq(orders.id, payments.orderId))
    .where(and(eq(paymentCancels.status, "REQUESTED"), lt(paymentCancels.createdAt, cutoff)))
    .orderBy(asc(paymentCancels.createdAt))
    .limit(SWEEP_BATCH_SIZE);
  let settled = 0;
  for (const paymentKey of new Set(pending.map((p) => p.paymentKey))) {
    const mine = pending.filter((p) => p.paymentKey === paymentKey);
    const provider = options.provider ?? providerOf(mine[0]!.provider);
    let payment: PaymentSnapshot;
    try {
      payment = await provider.read(paymentKey, { deadlineMs: BACKGROUND_CALL_DEADLINE_MS });
    } catch (error) {
      orderLog(mine[0]!.orderId).warn({ code: provider.classifyError(error)?.code ?? String(error) }, "pending refund: provider unreachable, retried next sweep");
      continue;
    }
    await settleUnderOrderLock(db, mine[0]!.orderId, payment, {
      actor: "sweeper",
      then: async (tx) => {
        const ids = mine.map((m) => m.id);
        const left = await tx.select().from(paymentCancels).where(and(inArray(paymentCancels.id, ids), eq(paymentCancels.status, "REQUESTED")));
        settled += ids.length - left.length;
        const stale = left.filter((r) => now.getTime() - r.createdAt.getTime() > PENDING_REFUND_GIVE_UP_MS).map((r) => r.id);
        if (stale.length > 0) {
          await tx
            .update(paymentCancels)
            .set({ status: "FAILED", failureCode: "NOT_FOUND_AT_PROVIDER", failureMessage: `${provider.label}에 취소 기록이 없어 실패로 처리했습니다` })
            .where(inArray(paymentCancels.id, stale));
          settled += stale.length;
        }
      },
    });
  }
  return settled;
}
