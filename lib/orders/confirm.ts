import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { db as defaultDb, type Database, type Executor } from "@/db/client";
import { orderEvents, orders, type Order } from "@/db/schema";
import { text } from "@/lib/input";
import { orderLog } from "@/lib/log";
import { formatKRW } from "@/lib/money";
import { tossClient, type TossClient } from "@/lib/toss/client";
import {
  TossAlreadyProcessedError,
  TossAuthError,
  TossError,
  TossInvalidRequestError,
  TossNotFoundError,
  TossRejectedError,
  TossSchemaError,
  TossTransientError,
} from "@/lib/toss/errors";
import type { Payment } from "@/lib/toss/models";
import { paymentOutcome } from "@/lib/toss/payment";
import { ORDER_ID_PATTERN } from "./order-id";
import { WAITED_READ_DEADLINE_MS } from "./toss-call-limits";
import { settleOrderFromPayment } from "./settle";
import { recordUnparseablePayment } from "./unparseable";
import { findOrderByOrderId, lockOrderByOrderId, recordOrderEvent, transitionOrder } from "./state";

/** Toss's success redirect (docs/toss.md §1.6). `amount` is a decimal string in the URL. */
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
  db?: Database;
  toss?: TossClient;
  /** How long a request that lost the claim waits for the winner's outcome. Default 5 s. */
  waitMs?: number;
  pollMs?: number;
  /** Total time for the confirm call, retries included. Default: the client's (25 s). */
  confirmDeadlineMs?: number;
};

/**
 * The Idempotency-Key of a confirm, derived from the order: a retry or a later re-confirm in the
 * same round replays Toss's first answer instead of running again. Toss replays error answers too,
 * so after a transient error a new round (a new key) is taken only once Toss shows the payment
 * still waiting for its confirm — a confirm of a processed payment can only get
 * ALREADY_PROCESSED_PAYMENT, never a second charge. Rounds 1 and 2 are /success's; the sweeper
 * has keys of its own (sweeperConfirmKey).
 */
export function confirmIdempotencyKey(orderId: string, round: 1 | 2 = 1): string {
  return round === 1 ? `confirm-${orderId}` : `confirm-${orderId}-${round}`;
}

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
 * payment from Toss and goes on only if it names this order and amount and waits for its confirm
 * (a junk or foreign paymentKey changes nothing but the timeline). Then claims the order
 * (PENDING → CONFIRMING, one conditional update: of any number of simultaneous requests exactly
 * one goes on), confirms with the stored amount outside any transaction, and settles the order.
 */
export async function confirmOrderPayment(input: SuccessQuery, deps: ConfirmDeps = {}): Promise<ConfirmResult> {
  const database = deps.db ?? defaultDb;
  const toss = deps.toss ?? tossClient();
  const first = await examine(database, input);
  if (first.next === "done") return first.result;
  if (first.next === "wait") return waitForOutcome(database, first.order, deps);

  const verified = await verifyPayment(database, toss, first.order, input);
  if (verified.kind === "refused") return verified.result;
  // Confirmed elsewhere already (another instance, a retry): apply what Toss says.
  if (paymentOutcome(verified.payment) !== "PENDING") return settleAndShow(database, first.order, verified.payment);

  const decision = await claim(database, input);
  if (decision.next === "done") return decision.result;
  if (decision.next === "wait") return waitForOutcome(database, decision.order, deps);

  const order = decision.order;
  const outcome = await confirmRounds(toss, order, input.paymentKey, deps);
  switch (outcome.kind) {
    case "payment":
      return settleAndShow(database, order, outcome.payment);
    case "refused":
      return failConfirm(database, order, outcome.error);
    case "unknown":
      return leaveForSweeper(database, order, outcome.error);
  }
}

/**
 * Reads the payment the redirect names, outside any transaction. A payment that does not exist,
 * names another order or amount, or no longer waits for its confirm is refused: the order is left
 * as it was (an event says why), so the shopper's genuine redirect can still pay it.
 */
async function verifyPayment(
  database: Database,
  toss: TossClient,
  order: Order,
  input: SuccessQuery,
): Promise<{ kind: "payment"; payment: Payment } | { kind: "refused"; result: ConfirmResult }> {
  const logger = orderLog(order.orderId);
  let payment: Payment;
  try {
    payment = await toss.getPayment(input.paymentKey, { deadlineMs: WAITED_READ_DEADLINE_MS });
  } catch (error) {
    if (!(error instanceof TossError)) throw error;
    if (error instanceof TossSchemaError) await recordUnparseablePayment(database, order, error, "confirm");
    if (!(error instanceof TossNotFoundError)) {
      logger.warn({ paymentKey: input.paymentKey, code: error.code }, "could not read the payment before confirm");
      await recordOrderEvent(database, order.id, {
        type: "CONFIRM_DEFERRED",
        message: `결제 정보를 확인하지 못해 승인을 미뤘습니다 (${error.code})`,
        data: { paymentKey: input.paymentKey, error: { code: error.code, message: error.message } },
        actor: "shopper",
      });
      return { kind: "refused", result: { kind: "fail", code: "CONFIRM_UNAVAILABLE", message: MESSAGES.CONFIRM_UNAVAILABLE, orderId: order.orderId } };
    }
    return refuseUnverified(database, order, input, `Toss knows no such payment (${error.code})`);
  }
  if (payment.orderId !== order.orderId) return refuseUnverified(database, order, input, "the payment names another order");
  if (payment.totalAmount !== order.amount) return refuseUnverified(database, order, input, `the payment is of ${payment.totalAmount}, the order of ${order.amount}`);
  const outcome = paymentOutcome(payment);
  if (outcome === "FAILED" || outcome === "CANCELED" || outcome === "PARTIAL_CANCELED") {
    return refuseUnverified(database, order, input, `the payment is ${payment.status}`, payment.failure ?? undefined);
  }
  return { kind: "payment", payment };
}

async function refuseUnverified(
  database: Database,
  order: Order,
  input: SuccessQuery,
  reason: string,
  failure?: { code: string; message: string },
): Promise<{ kind: "refused"; result: ConfirmResult }> {
  orderLog(order.orderId).warn({ paymentKey: input.paymentKey, reason }, "redirect refused: payment not verified");
  await recordOrderEvent(database, order.id, {
    type: "CONFIRM_REFUSED_UNVERIFIED",
    message: `토스페이먼츠에서 확인되지 않는 결제라 승인하지 않음 (${reason})`,
    data: { paymentKey: input.paymentKey, reason, ...(failure && { failure }) },
    actor: "shopper",
  });
  const result: ConfirmResult = failure
    ? { kind: "fail", code: failure.code, message: failure.message, orderId: order.orderId }
    : { kind: "fail", code: "PAYMENT_NOT_VERIFIED", message: MESSAGES.PAYMENT_NOT_VERIFIED, orderId: order.orderId };
  return { kind: "refused", result };
}

type ConfirmOutcome = { kind: "payment"; payment: Payment } | { kind: "refused"; error: TossError } | { kind: "unknown"; error: unknown };

async function confirmRounds(toss: TossClient, order: Order, paymentKey: string, deps: ConfirmDeps): Promise<ConfirmOutcome> {
  const call = deps.confirmDeadlineMs !== undefined ? { deadlineMs: deps.confirmDeadlineMs } : {};
  const body = { paymentKey, orderId: order.orderId, amount: order.amount };
  for (const round of [1, 2] as const) {
    try {
      return { kind: "payment", payment: await toss.confirmPayment(body, { idempotencyKey: confirmIdempotencyKey(order.orderId, round), ...call }) };
    } catch (error) {
      if (!(error instanceof TossError)) throw error;
      // Already processed, or gone since we read it: Toss's own record of the payment decides.
      if (error instanceof TossAlreadyProcessedError || error instanceof TossNotFoundError) return readPayment(toss, paymentKey);
      if (isRefusal(error)) return { kind: "refused", error };
      // No answer (timeout, network) or "still processing": the first call may yet go through.
      if (round === 2 || !(error instanceof TossTransientError) || error.httpStatus === null || error.httpStatus === 409) return { kind: "unknown", error };
      const read = await readPayment(toss, paymentKey);
      if (read.kind !== "payment" || paymentOutcome(read.payment) !== "PENDING") return read;
    }
  }
  return { kind: "unknown", error: new Error("unreachable") };
}

async function readPayment(toss: TossClient, paymentKey: string): Promise<ConfirmOutcome> {
  try {
    return { kind: "payment", payment: await toss.getPayment(paymentKey) };
  } catch (error) {
    return { kind: "unknown", error };
  }
}

/** A final no from Toss: nothing was charged, the shopper may try again. */
function isRefusal(error: TossError): boolean {
  return (
    error instanceof TossRejectedError ||
    error instanceof TossInvalidRequestError ||
    error instanceof TossAuthError
  );
}

/** The checks that need no Toss call: unknown order, tampered amount, another claimed key, the order's state. */
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

/** The checks that refuse a redirect before any Toss call, each written to the order's timeline. */
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

async function settleAndShow(database: Database, order: Order, payment: Payment): Promise<ConfirmResult> {
  return database.transaction(async (tx) => {
    const locked = await lockOrderByOrderId(tx, order.orderId);
    if (!locked) return { kind: "fail", code: "UNKNOWN_ORDER", message: MESSAGES.UNKNOWN_ORDER };
    const settled = await settleOrderFromPayment(tx, locked, payment, "toss");
    return resultFor(tx, settled.order);
  });
}

async function failConfirm(database: Database, order: Order, error: TossError): Promise<ConfirmResult> {
  if (error instanceof TossAuthError || error instanceof TossInvalidRequestError) {
    orderLog(order.orderId).error({ code: error.code, message: error.message }, "confirm refused by Toss: check the keys and the request");
  }
  const failure = { code: error.code, message: error.message };
  return database.transaction(async (tx) => {
    const locked = await lockOrderByOrderId(tx, order.orderId);
    if (!locked) return { kind: "fail", code: "UNKNOWN_ORDER", message: MESSAGES.UNKNOWN_ORDER };
    if (locked.status !== "CONFIRMING") return resultFor(tx, locked);
    await transitionOrder(tx, locked, "FAILED", { type: "CONFIRM_REFUSED", message: error.message, data: { failure, httpStatus: error.httpStatus }, actor: "toss" });
    return { kind: "fail", ...failure, orderId: order.orderId };
  });
}

/** The outcome is unknown (timeout, network, Toss down): the sweeper reads the payment later. */
async function leaveForSweeper(database: Database, order: Order, error: unknown): Promise<ConfirmResult> {
  const detail = error instanceof TossError ? { code: error.code, message: error.message } : { code: "UNEXPECTED", message: String(error) };
  orderLog(order.orderId).warn({ error: detail }, "confirm has no answer yet; the sweeper will settle it");
  if (error instanceof TossSchemaError) await recordUnparseablePayment(database, order, error, "confirm");
  await recordOrderEvent(database, order.id, {
    type: "CONFIRM_OUTCOME_UNKNOWN",
    message: `결제 승인 결과를 아직 받지 못했습니다 (${detail.code}). 자동으로 다시 확인합니다`,
    data: { error: detail },
    actor: "toss",
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
