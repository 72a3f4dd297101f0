import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database, Executor } from "@/db/client";
import { orderEvents, orders, type Order } from "@/db/schema";
import { text } from "@/lib/input";
import { orderLog } from "@/lib/log";
import { formatKRW } from "@/lib/money";
import { paymentProvider, type PaymentFailure, type PaymentProvider, type PaymentSnapshot } from "@/lib/payments";
import { confirmPayment } from "./confirm-payment";
import { ORDER_ID_PATTERN } from "./order-id";
import { WAITED_READ_DEADLINE_MS } from "./provider-call-limits";
import { settleUnderOrderLock } from "./settle";
import { recordUnparseablePayment } from "./unparseable";
import { findOrderByOrderId, lockOrderByOrderId, recordOrderEvent, transitionOrder } from "./state";

/** The payment window's success redirect (docs/toss.md §1.6). `amount` is a decimal string in the URL. */
export const successQuerySchema = z.object({
  paymentKey: text(200).min(1),
  orderId: text(64).regex(ORDER_ID_PATTERN),
  amount: text(10)
    .regex(/^\d{1,10}$/)
    .transform(Number),
  paymentType: z.enum(["NORMAL", "BRANDPAY", "KEYIN"]).default("NORMAL"),
});
export type SuccessQuery = z.infer<typeof successQuerySchema>;

/** What /success does next: show the order, show "we are confirming", or explain the failure. */
export type ConfirmResult =
  | { kind: "order"; orderId: string }
  | { kind: "confirming"; orderId: string }
  | { kind: "fail"; code: string; message: string; orderId?: string };

export type ConfirmDeps = {
  provider?: PaymentProvider;
  /** How long a request that lost the claim waits for the winner's outcome. Default 5 s. */
  waitMs?: number;
  pollMs?: number;
  /** Total time for the confirm call, retries included. Default: the client's (25 s). */
  confirmDeadlineMs?: number;
};

/** /success confirms in up to two rounds before leaving the order to the sweeper. */
const SUCCESS_CONFIRM_ROUNDS = 2;

const MESSAGES = {
  INVALID_QUERY: "결제 결과를 확인할 수 없습니다. 다시 결제해 주세요.",
  UNKNOWN_ORDER: "주문을 찾을 수 없습니다. 다시 주문해 주세요.",
  AMOUNT_MISMATCH: "결제 금액이 주문 금액과 달라 결제를 진행하지 않았습니다. 다시 주문해 주세요.",
  OTHER_PAYMENT: "이 주문은 이미 다른 결제로 처리되었습니다.",
  ORDER_CLOSED: "이미 종료된 주문입니다. 장바구니에서 다시 주문해 주세요.",
  UNSUPPORTED_PAYMENT_TYPE: "지원하지 않는 결제 방식입니다. 다른 결제수단을 선택해 주세요.",
  CONFIRM_FAILED: "결제를 완료하지 못했습니다. 다시 시도해 주세요.",
  PAYMENT_NOT_VERIFIED: "결제 정보를 확인할 수 없습니다. 결제창에서 다시 결제해 주세요.",
  CONFIRM_UNAVAILABLE: "결제 확인이 잠시 어렵습니다. 잠시 후 이 페이지를 새로고침해 주세요.",
} as const;


type Decision =
  | { next: "confirm"; order: Order }
  | { next: "wait"; order: Order }
  | { next: "done"; result: ConfirmResult };

/**
 * docs/architecture.md, money path. Checks the redirect against the stored order, then reads the
 * payment from the provider and goes on only if it names this order and amount and waits for its confirm
 * (a junk or foreign paymentKey changes nothing but the timeline). Then claims the order
 * (PENDING → CONFIRMING, one conditional update: of any number of simultaneous requests exactly
 * one goes on), confirms with the stored amount outside any transaction, and settles the order.
 */
export async function confirmOrderPayment(database: Database, input: SuccessQuery, deps: ConfirmDeps = {}): Promise<ConfirmResult> {
  const provider = deps.provider ?? paymentProvider();
  const first = await examine(database, input);
  if (first.next === "done") return first.result;
  if (first.next === "wait") return waitForOutcome(database, first.order, deps);

  const verified = await verifyPayment(database, provider, first.order, input);
  if (verified.kind === "refused") return verified.result;
  // Confirmed elsewhere already (another instance, a retry): apply what the provider says.
  if (verified.payment.outcome !== "PENDING") return settleAndShow(database, first.order, verified.payment);

  const decision = await claim(database, input);
  if (decision.next === "done") return decision.result;
  if (decision.next === "wait") return waitForOutcome(database, decision.order, deps);

  const order = decision.order;
  const outcome = await confirmPayment(database, provider, order, input.paymentKey, {
    rounds: SUCCESS_CONFIRM_ROUNDS,
    ...(deps.confirmDeadlineMs !== undefined && { deadlineMs: deps.confirmDeadlineMs }),
  });
  switch (outcome.kind) {
    case "payment":
      return settleAndShow(database, order, outcome.payment);
    case "refused":
      return failConfirm(database, provider, order, outcome.failure);
    case "unknown":
      return leaveForSweeper(database, provider, order, outcome.failure, outcome.error);
  }
}

/**
 * Reads the payment the redirect names, outside any transaction. A payment that does not exist,
 * names another order or amount, or no longer waits for its confirm is refused: the order is left
 * as it was (an event says why), so the shopper's genuine redirect can still pay it.
 */
async function verifyPayment(
  database: Database,
  provider: PaymentProvider,
  order: Order,
  input: SuccessQuery,
): Promise<{ kind: "payment"; payment: PaymentSnapshot } | { kind: "refused"; result: ConfirmResult }> {
  const logger = orderLog(order.orderId);
  let payment: PaymentSnapshot;
  try {
    payment = await provider.read(input.paymentKey, { deadlineMs: WAITED_READ_DEADLINE_MS });
  } catch (error) {
    const failure = provider.classifyError(error);
    if (!failure) throw error;
    await recordUnparseablePayment(database, order, failure, "confirm", provider.label);
    if (failure.kind !== "missing") {
      logger.warn({ paymentKey: input.paymentKey, code: failure.code }, "could not read the payment before confirm");
      await recordOrderEvent(database, order.id, {
        type: "CONFIRM_DEFERRED",
        message: `결제 정보를 확인하지 못해 승인을 미뤘습니다 (${failure.code})`,
        data: { paymentKey: input.paymentKey, error: { code: failure.code, message: failure.message } },
        actor: "shopper",
      });
      return { kind: "refused", result: { kind: "fail", code: "CONFIRM_UNAVAILABLE", message: MESSAGES.CONFIRM_UNAVAILABLE, orderId: order.orderId } };
    }
    return refuseUnverified(database, provider, order, input, `the provider knows no such payment (${failure.code})`);
  }
  if (payment.orderId !== order.orderId) return refuseUnverified(database, provider, order, input, "the payment names another order");
  if (payment.amount !== order.amount) return refuseUnverified(database, provider, order, input, `the payment is of ${payment.amount}, the order of ${order.amount}`);
  if (payment.outcome === "FAILED" || payment.outcome === "CANCELED" || payment.outcome === "PARTIAL_CANCELED") {
    return refuseUnverified(database, provider, order, input, `the payment is ${payment.providerStatus}`, payment.failure ?? undefined);
  }
  return { kind: "payment", payment };
}

async function refuseUnverified(
  database: Database,
  provider: PaymentProvider,
  order: Order,
  input: SuccessQuery,
  reason: string,
  failure?: { code: string; message: string },
): Promise<{ kind: "refused"; result: ConfirmResult }> {
  orderLog(order.orderId).warn({ paymentKey: input.paymentKey, reason }, "redirect refused: payment not verified");
  await recordOrderEvent(database, order.id, {
    type: "CONFIRM_REFUSED_UNVERIFIED",
    message: `${provider.label}에서 확인되지 않는 결제라 승인하지 않음 (${reason})`,
    data: { paymentKey: input.paymentKey, reason, ...(failure && { failure }) },
    actor: "shopper",
  });
  const result: ConfirmResult = failure
    ? { kind: "fail", code: failure.code, message: failure.message, orderId: order.orderId }
    : { kind: "fail", code: "PAYMENT_NOT_VERIFIED", message: MESSAGES.PAYMENT_NOT_VERIFIED, orderId: order.orderId };
  return { kind: "refused", result };
}

/** The checks that need no provider call: unknown order, tampered amount, another claimed key, the order's state. */
async function examine(database: Database, input: SuccessQuery): Promise<Decision> {
  const order = await findOrderByOrderId(database, input.orderId);
  if (!order) {
    orderLog(input.orderId).warn({ paymentKey: input.paymentKey }, "/success for an unknown order");
    return done({ kind: "fail", code: "UNKNOWN_ORDER", message: MESSAGES.UNKNOWN_ORDER });
  }
  return decide(database, order, input);
}

async function decide(tx: Executor, order: Order, input: SuccessQuery): Promise<Decision> {
  const refused = await refusal(tx, order, input);
  if (refused) return done(refused);
  switch (order.status) {
    case "PENDING":
      return { next: "confirm", order };
    case "CONFIRMING":
      return { next: "wait", order };
    case "PAID":
    case "WAITING_FOR_DEPOSIT":
    case "PARTIAL_CANCELED":
    case "CANCELED":
      // Only reached with the order's own paymentKey (refusal() checked it): a refresh.
      return done({ kind: "order", orderId: order.orderId });
    case "FAILED":
    case "EXPIRED":
      return done(await closedOrderResult(tx, order, input.paymentKey));
  }
}

/** PENDING → CONFIRMING with the verified paymentKey; a request that loses sees where the order went. */
async function claim(database: Database, input: SuccessQuery): Promise<Decision> {
  return database.transaction(async (tx) => {
    const order = await findOrderByOrderId(tx, input.orderId);
    if (!order) return done({ kind: "fail", code: "UNKNOWN_ORDER", message: MESSAGES.UNKNOWN_ORDER });
    if (order.status === "PENDING" && input.amount === order.amount && order.paymentKey === null && input.paymentType !== "BRANDPAY") {
      const claimed = await transitionOrder(
        tx,
        order,
        "CONFIRMING",
        { type: "CONFIRM_STARTED", message: `결제 승인 요청 (${formatKRW(order.amount)})`, data: { paymentKey: input.paymentKey, paymentType: input.paymentType }, actor: "shopper" },
        { paymentKey: input.paymentKey },
      );
      if (claimed) return { next: "confirm", order: claimed };
    }
    const now = await findOrderByOrderId(tx, input.orderId);
    if (!now || now.status === "PENDING") return done({ kind: "fail", code: "CONFIRM_FAILED", message: MESSAGES.CONFIRM_FAILED, orderId: input.orderId });
    return decide(tx, now, input);
  });
}

const done = (result: ConfirmResult): Decision => ({ next: "done", result });

/** The checks that refuse a redirect before any provider call, each written to the order's timeline. */
async function refusal(tx: Executor, order: Order, input: SuccessQuery): Promise<ConfirmResult | null> {
  if (input.amount !== order.amount) {
    orderLog(order.orderId).warn({ requestedAmount: input.amount, storedAmount: order.amount }, "suspected tampering: /success amount differs from the stored amount");
    await recordOrderEvent(tx, order.id, {
      type: "CONFIRM_REFUSED_AMOUNT_MISMATCH",
      message: `결제 금액 불일치로 승인하지 않음 (요청 ${formatKRW(input.amount)}, 주문 ${formatKRW(order.amount)}) — 변조 의심`,
      data: { requestedAmount: input.amount, storedAmount: order.amount, paymentKey: input.paymentKey, suspectedTampering: true },
      actor: "shopper",
    });
    return { kind: "fail", code: "AMOUNT_MISMATCH", message: MESSAGES.AMOUNT_MISMATCH, orderId: order.orderId };
  }
  if (order.paymentKey !== null && order.paymentKey !== input.paymentKey) {
    orderLog(order.orderId).warn({ paymentKey: input.paymentKey, orderPaymentKey: order.paymentKey }, "redirect with another paymentKey refused");
    await recordOrderEvent(tx, order.id, {
      type: "CONFIRM_REFUSED_OTHER_PAYMENT",
      message: "이미 다른 결제로 처리 중이거나 처리된 주문이라 승인하지 않음",
      data: { paymentKey: input.paymentKey, orderPaymentKey: order.paymentKey, status: order.status },
      actor: "shopper",
    });
    return { kind: "fail", code: "ALREADY_PROCESSED_ORDER", message: MESSAGES.OTHER_PAYMENT, orderId: order.orderId };
  }
  if (order.status === "PENDING" && input.paymentType === "BRANDPAY") {
    await recordOrderEvent(tx, order.id, { type: "CONFIRM_REFUSED_PAYMENT_TYPE", message: "브랜드페이 결제는 지원하지 않음", data: { paymentKey: input.paymentKey }, actor: "shopper" });
    return { kind: "fail", code: "UNSUPPORTED_PAYMENT_TYPE", message: MESSAGES.UNSUPPORTED_PAYMENT_TYPE, orderId: order.orderId };
  }
  return null;
}

/** A FAILED or EXPIRED order: repeat the reason it failed, if we know it. */
async function closedOrderResult(tx: Executor, order: Order, paymentKey: string): Promise<ConfirmResult> {
  if (order.status === "FAILED" && order.paymentKey === paymentKey) {
    const failure = await lastFailure(tx, order.id);
    if (failure) return { kind: "fail", ...failure, orderId: order.orderId };
  }
  return { kind: "fail", code: "ORDER_CLOSED", message: MESSAGES.ORDER_CLOSED, orderId: order.orderId };
}

async function lastFailure(tx: Executor, orderDbId: number): Promise<{ code: string; message: string } | null> {
  const [event] = await tx
    .select({ data: orderEvents.data, message: orderEvents.message })
    .from(orderEvents)
    .where(and(eq(orderEvents.orderId, orderDbId), eq(orderEvents.toStatus, "FAILED")))
    .orderBy(desc(orderEvents.id))
    .limit(1);
  const failure = z.object({ failure: z.object({ code: z.string(), message: z.string() }) }).safeParse(event?.data);
  return failure.success ? failure.data.failure : null;
}

async function settleAndShow(database: Database, order: Order, payment: PaymentSnapshot): Promise<ConfirmResult> {
  const result = await settleUnderOrderLock(database, order.orderId, payment, { actor: payment.provider, then: (tx, settled) => resultFor(tx, settled.order) });
  return result ?? { kind: "fail", code: "UNKNOWN_ORDER", message: MESSAGES.UNKNOWN_ORDER };
}

async function failConfirm(database: Database, provider: PaymentProvider, order: Order, refusal: PaymentFailure): Promise<ConfirmResult> {
  if (refusal.operatorError) {
    orderLog(order.orderId).error({ code: refusal.code, message: refusal.message }, "confirm refused by the provider: check the keys and the request");
  }
  const failure = { code: refusal.code, message: refusal.message };
  return database.transaction(async (tx) => {
    const locked = await lockOrderByOrderId(tx, order.orderId);
    if (!locked) return { kind: "fail", code: "UNKNOWN_ORDER", message: MESSAGES.UNKNOWN_ORDER };
    if (locked.status !== "CONFIRMING") return resultFor(tx, locked);
    await transitionOrder(tx, locked, "FAILED", { type: "CONFIRM_REFUSED", message: refusal.message, data: { failure, httpStatus: refusal.httpStatus }, actor: provider.name });
    return { kind: "fail", ...failure, orderId: order.orderId };
  });
}

/** The outcome is unknown (timeout, network, the provider down): the sweeper reads the payment later. */
async function leaveForSweeper(database: Database, provider: PaymentProvider, order: Order, failure: PaymentFailure | null, error: unknown): Promise<ConfirmResult> {
  const detail = failure ? { code: failure.code, message: failure.message } : { code: "UNEXPECTED", message: String(error) };
  orderLog(order.orderId).warn({ error: detail }, "confirm has no answer yet; the sweeper will settle it");
  await recordUnparseablePayment(database, order, failure, "confirm", provider.label);
  await recordOrderEvent(database, order.id, {
    type: "CONFIRM_OUTCOME_UNKNOWN",
    message: `결제 승인 결과를 아직 받지 못했습니다 (${detail.code}). 자동으로 다시 확인합니다`,
    data: { error: detail },
    actor: provider.name,
  });
  return { kind: "confirming", orderId: order.orderId };
}

async function resultFor(tx: Executor, order: Order): Promise<ConfirmResult> {
  switch (order.status) {
    case "PENDING":
    case "CONFIRMING":
      return { kind: "confirming", orderId: order.orderId };
    case "FAILED":
    case "EXPIRED":
      return { kind: "fail", ...((await lastFailure(tx, order.id)) ?? { code: "CONFIRM_FAILED", message: MESSAGES.CONFIRM_FAILED }), orderId: order.orderId };
    default:
      return { kind: "order", orderId: order.orderId };
  }
}

/** Another request holds the claim: poll the row (bounded) for its outcome. */
async function waitForOutcome(database: Database, order: Order, deps: ConfirmDeps): Promise<ConfirmResult> {
  const waitMs = deps.waitMs ?? 5_000;
  const pollMs = deps.pollMs ?? 150;
  const deadline = Date.now() + waitMs;
  let current = order;
  while (current.status === "CONFIRMING" && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    const [row] = await database.select().from(orders).where(eq(orders.id, order.id)).limit(1);
    if (!row) break;
    current = row;
  }
  return resultFor(database, current);
}
