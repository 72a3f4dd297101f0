import { and, asc, eq, lt } from "drizzle-orm";
import type { Database } from "@/db/client";
import { orders, type Order } from "@/db/schema";
import { env } from "@/lib/env";
import { orderLog } from "@/lib/log";
import { paymentProvider, type PaymentProvider, type PaymentSnapshot } from "@/lib/payments";
import { confirmPayment } from "../confirm-payment";
import { BACKGROUND_CALL_DEADLINE_MS, SWEEP_BATCH_SIZE } from "../provider-call-limits";
import { settleUnderOrderLock } from "../settle";
import { lockOrderByOrderId, recordOrderEvent, transitionOrder } from "../state";
import { recordUnparseablePayment } from "../unparseable";
import { describeFailure as describe, errorData, lease } from "./lease";
import { SWEEP_ACTOR as ACTOR, type SweepOptions, type SweepReport } from "./options";

export async function settleConfirming(database: Database, now: Date, options: SweepOptions, report: SweepReport): Promise<void> {
  const cutoff = new Date(now.getTime() - (options.confirmingAfterMs ?? 60_000));
  const windowMs = (options.pendingTtlMinutes ?? env().PENDING_ORDER_TTL_MINUTES) * 60_000;
  const batch = await lease(
    database,
    "CONFIRMING",
    async (tx) =>
      (
        await tx
          .select({ id: orders.id })
          .from(orders)
          .where(and(eq(orders.status, "CONFIRMING"), lt(orders.statusChangedAt, cutoff), lt(orders.updatedAt, cutoff)))
          .orderBy(asc(orders.statusChangedAt))
          .limit(options.batchSize ?? SWEEP_BATCH_SIZE)
          .for("update", { skipLocked: true })
      ).map((r) => r.id),
    now,
  );
  const provider = options.provider ?? paymentProvider();
  const call = { deadlineMs: options.providerDeadlineMs ?? BACKGROUND_CALL_DEADLINE_MS };
  for (const order of batch) {
    const logger = orderLog(order.orderId);
    try {
      const step = await confirmingStep(database, provider, order, call);
      if (step.kind === "error") report.errors++;
      const changed =
        step.kind === "payment"
          ? ((await settleUnderOrderLock(database, order.orderId, step.payment, { actor: ACTOR, onlyIf: "CONFIRMING" }))?.changed ?? false)
          : await database.transaction(async (tx) => {
              const locked = await lockOrderByOrderId(tx, order.orderId);
              if (!locked || locked.status !== "CONFIRMING") return false;
              await recordOrderEvent(tx, locked.id, { type: step.event, message: step.message, data: step.data, actor: ACTOR });
              // No payment for this order even after the shopper's payment window: nothing was charged.
              if (step.kind === "not-found" && now.getTime() - locked.statusChangedAt.getTime() > windowMs) {
                await transitionOrder(tx, locked, "FAILED", {
                  type: "PAYMENT_NOT_FOUND",
                  message: `결제 시간이 지나도록 ${provider.label}에 결제가 없어 주문이 실패 처리되고 재고가 돌아갔습니다`,
                  data: { failure: { code: step.code, message: "결제 정보를 찾을 수 없습니다." } },
                  actor: ACTOR,
                });
                return true;
              }
              return false;
            });
      if (changed) report.settledConfirming++;
      else report.deferred++;
    } catch (error) {
      report.errors++;
      logger.error({ err: error }, "sweeper could not settle a CONFIRMING order");
      await recordOrderEvent(database, order.id, { type: "SWEEP_ERROR", message: `자동 확인 중 오류: ${describe(provider, error).slice(0, 200)}`, actor: ACTOR }).catch(() => undefined);
    }
  }
}

type ConfirmingStep =
  | { kind: "payment"; payment: PaymentSnapshot }
  | { kind: "error"; event: string; message: string; data: Record<string, unknown> }
  | { kind: "not-found"; code: string; event: string; message: string; data: Record<string, unknown> };

/**
 * What to do with a CONFIRMING order, from what the provider says. A payment still waiting for
 * its confirm is confirmed again through confirmPayment, in a new round under a new key. Every
 * failed step is returned as an event.
 */
async function confirmingStep(database: Database, provider: PaymentProvider, order: Order, call: { deadlineMs: number }): Promise<ConfirmingStep> {
  const logger = orderLog(order.orderId);
  let payment: PaymentSnapshot;
  try {
    payment = await provider.readByOrder(order.orderId, call);
  } catch (error) {
    const failure = provider.classifyError(error);
    if (!failure) throw error;
    if (failure.unreadable) {
      await recordUnparseablePayment(database, order, failure, ACTOR, provider.label);
      return { kind: "error", event: "SWEEP_CHECK_FAILED", message: "결제 정보를 읽지 못했습니다 (관리자 확인 필요)", data: { error: errorData(failure) } };
    }
    logger.warn({ code: failure.code }, "sweeper could not read the payment");
    const step = { event: "SWEEP_CHECK_FAILED", message: `결제 상태를 확인하지 못했습니다 (${failure.code}). 다음 확인 때 다시 시도합니다`, data: { error: errorData(failure) } };
    return failure.kind === "missing" ? { kind: "not-found", code: failure.code, ...step } : { kind: "error", ...step };
  }
  if (payment.outcome !== "PENDING" || !order.paymentKey) return { kind: "payment", payment };
  const attempt = await confirmPayment(database, provider, order, order.paymentKey, { rounds: 1, ...call });
  if (attempt.kind === "payment") return attempt;
  const detail = attempt.failure ? errorData(attempt.failure) : { code: "UNEXPECTED", message: String(attempt.kind === "unknown" ? attempt.error : ""), httpStatus: null };
  const { round, idempotencyKey } = attempt;
  logger.warn({ code: detail.code, round, idempotencyKey }, "sweeper confirm failed; a later sweep tries a new round");
  // A refusal leaves the payment aborted or expired: the next sweep reads that and settles it.
  return {
    kind: "error",
    event: "SWEEP_CONFIRM_FAILED",
    message: `결제 승인 재시도 ${round ?? "-"}회차 실패 (${detail.code}). 다음 확인 때 다시 시도합니다`,
    data: { round, idempotencyKey, error: detail },
  };
}
