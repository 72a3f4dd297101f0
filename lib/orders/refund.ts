import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database, Executor, Transaction } from "@/db/client";
import { orderItems, orders, paymentCancels, payments, type OrderStatus, type PaymentCancel } from "@/db/schema";
import { fieldErrorsOf, text } from "@/lib/input";
import { adminActorName, type AdminActor } from "@/lib/auth/actor";
import { orderLog } from "@/lib/log";
import { formatKRW } from "@/lib/money";
import { providerOf, type PaymentProvider, type PaymentSnapshot } from "@/lib/payments";
import { isBankCode } from "@/lib/payments/banks";
import { cancelNeedsRefundAccount } from "@/lib/payments/rules";
import { isRefundable, linesRefusal, refundableLine, refundAmountForLines, refundedUnits, refundRefusal, refundRules, type RefundRules } from "./refund-policy";
import { paymentOfOrder } from "./payments";
import { ORDER_ID_PATTERN } from "./order-id";
import { settleUnderOrderLock } from "./settle";

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
