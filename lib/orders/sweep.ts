import { and, asc, eq, inArray, lt } from "drizzle-orm";
import { db as defaultDb, type Database, type Transaction } from "@/db/client";
import { carts, orders, payments, webhookDeliveries, type Order, type OrderStatus } from "@/db/schema";
import { env } from "@/lib/env";
import { sweepFulfillment, type FulfillmentSweep } from "@/lib/fulfillment/shipping";
import { log, orderLog } from "@/lib/log";
import { paymentProvider, type PaymentFailure, type PaymentProvider, type PaymentSnapshot } from "@/lib/payments";
import { pruneRateLimitHits } from "@/lib/rate-limit";
import { confirmPayment } from "./confirm-payment";
import { settlePendingRefunds } from "./refund-recovery";
import { settleUnderOrderLock } from "./settle";
import { lockOrderByOrderId, recordOrderEvent, transitionOrder } from "./state";
import { paymentOfOrder } from "./payments";
import { BACKGROUND_CALL_DEADLINE_MS, SWEEP_BATCH_SIZE } from "./provider-call-limits";
import { recordUnparseablePayment } from "./unparseable";

export type SweepOptions = {
  db?: Database;
  provider?: PaymentProvider;
  /** The sweeper's idea of now (tests move it forward). Default: the real time. */
  now?: Date;
  /** PENDING orders older than this expire. Default PENDING_ORDER_TTL_MINUTES (30). */
  pendingTtlMinutes?: number;
  /** CONFIRMING orders untouched for this long are settled from the provider. Default 60 s. */
  confirmingAfterMs?: number;
  /** Rows taken per batch. Default 50. */
  batchSize?: number;
  /** Deadline of each provider call the sweeper makes. Default 10 s. */
  providerDeadlineMs?: number;
  /** Webhook deliveries and abandoned carts older than this are deleted. Default RETENTION_DAYS (90). */
  retentionDays?: number;
};

export type SweepReport = {
  expiredPending: number;
  settledConfirming: number;
  expiredVirtualAccounts: number;
  /** Rows looked at but left as they were (provider unreachable, still in progress, …). */
  deferred: number;
  errors: number;
  pruned: { webhookDeliveries: number; carts: number; rateLimitHits: number };
  /** Parcels counted delivered after DELIVERED_AFTER_DAYS, orders confirmed after PURCHASE_CONFIRM_AFTER_DAYS. */
  fulfillment: FulfillmentSweep;
};

const ACTOR = "sweeper";

/**
 * docs/architecture.md, money path. Every row is taken with FOR UPDATE SKIP LOCKED, so any number of
 * instances may sweep at once. Rows that need the provider are leased (updated_at bumped) in a
 * short transaction, read with no transaction open, then settled under the row lock.
 */
export async function sweepOrders(options: SweepOptions = {}): Promise<SweepReport> {
  const database = options.db ?? defaultDb;
  const now = options.now ?? new Date();
  const report: SweepReport = {
    expiredPending: 0,
    settledConfirming: 0,
    expiredVirtualAccounts: 0,
    deferred: 0,
    errors: 0,
    pruned: { webhookDeliveries: 0, carts: 0, rateLimitHits: 0 },
    fulfillment: { delivered: 0, confirmed: 0 },
  };
  report.expiredPending = await expirePending(database, now, options);
  await settleConfirming(database, now, options, report);
  await expireVirtualAccounts(database, now, options, report);
  await settlePendingRefunds(database, { provider: options.provider, now });
  report.fulfillment = await sweepFulfillment(database, { deliveredAfterDays: env().DELIVERED_AFTER_DAYS, confirmAfterDays: env().PURCHASE_CONFIRM_AFTER_DAYS, now });
  report.pruned = await pruneOldRecords(database, options.retentionDays ?? env().RETENTION_DAYS);
  return report;
}

/**
 * Keeps storage bounded: webhook deliveries and carts untouched for the retention period go (an
 * order keeps its own copy of what was bought), rate-limit hits after a day (the longest window).
 */
async function pruneOldRecords(database: Database, retentionDays: number): Promise<SweepReport["pruned"]> {
  const before = new Date(Date.now() - retentionDays * 24 * 3_600_000);
  const prunedDeliveries = await database.delete(webhookDeliveries).where(lt(webhookDeliveries.receivedAt, before)).returning({ id: webhookDeliveries.id });
  const prunedCarts = await database.delete(carts).where(lt(carts.updatedAt, before)).returning({ id: carts.id });
  const rateLimitHits = await pruneRateLimitHits(database, 24 * 3_600);
  return { webhookDeliveries: prunedDeliveries.length, carts: prunedCarts.length, rateLimitHits };
}

async function expirePending(database: Database, now: Date, options: SweepOptions): Promise<number> {
  const ttlMs = (options.pendingTtlMinutes ?? env().PENDING_ORDER_TTL_MINUTES) * 60_000;
  const cutoff = new Date(now.getTime() - ttlMs);
  const batchSize = options.batchSize ?? SWEEP_BATCH_SIZE;
  let total = 0;
  for (;;) {
    const expired = await database.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(orders)
        .where(and(eq(orders.status, "PENDING"), lt(orders.statusChangedAt, cutoff)))
        .orderBy(asc(orders.statusChangedAt))
        .limit(batchSize)
        .for("update", { skipLocked: true });
      for (const order of rows) {
        await transitionOrder(tx, order, "EXPIRED", {
          type: "ORDER_EXPIRED",
          message: `${Math.round(ttlMs / 60_000)}분 안에 결제되지 않아 주문이 만료되고 재고가 돌아갔습니다`,
          actor: ACTOR,
        });
      }
      return rows.length;
    });
    total += expired;
    if (expired < batchSize) return total;
  }
}

/** Takes up to `batchSize` rows with SKIP LOCKED and leases them by bumping updated_at to `now`. */
async function lease(database: Database, status: OrderStatus, ids: (tx: Transaction) => Promise<number[]>, now: Date): Promise<Order[]> {
  return database.transaction(async (tx) => {
    const picked = await ids(tx);
    if (picked.length === 0) return [];
    return tx.update(orders).set({ updatedAt: now }).where(and(inArray(orders.id, picked), eq(orders.status, status))).returning();
  });
}

async function settleConfirming(database: Database, now: Date, options: SweepOptions, report: SweepReport): Promise<void> {
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

function errorData(failure: PaymentFailure) {
  return { code: failure.code, message: failure.message, httpStatus: failure.httpStatus };
}

async function expireVirtualAccounts(database: Database, now: Date, options: SweepOptions, report: SweepReport): Promise<void> {
  const batch = await lease(
    database,
    "WAITING_FOR_DEPOSIT",
    async (tx) =>
      (
        await tx
          .select({ id: orders.id })
          .from(orders)
          .innerJoin(payments, paymentOfOrder)
          .where(and(eq(orders.status, "WAITING_FOR_DEPOSIT"), lt(payments.virtualAccountDueDate, now), lt(orders.updatedAt, new Date(now.getTime() - 60_000))))
          .orderBy(asc(payments.virtualAccountDueDate))
          .limit(options.batchSize ?? SWEEP_BATCH_SIZE)
          .for("update", { of: orders, skipLocked: true })
      ).map((r) => r.id),
    now,
  );
  const provider = options.provider ?? paymentProvider();
  const call = { deadlineMs: options.providerDeadlineMs ?? BACKGROUND_CALL_DEADLINE_MS };
  for (const order of batch) {
    try {
      // A deposit whose webhook never arrived must not be expired: ask the provider first.
      let payment: PaymentSnapshot | null = null;
      try {
        payment = await provider.read(order.paymentKey!, call);
      } catch (error) {
        const failure = provider.classifyError(error);
        await recordUnparseablePayment(database, order, failure, ACTOR, provider.label);
        if (failure?.kind !== "missing") throw error;
      }
      const expire = async (tx: Transaction, locked: Order) => {
        await transitionOrder(tx, locked, "EXPIRED", {
          type: "VIRTUAL_ACCOUNT_EXPIRED",
          message: "가상계좌 입금 기한이 지나 주문이 만료되고 재고가 돌아갔습니다",
          data: { paymentKey: locked.paymentKey, dueDate: payment?.virtualAccount?.dueDate ?? null },
          actor: ACTOR,
        });
        return "expired" as const;
      };
      const outcome = payment
        ? await settleUnderOrderLock(database, order.orderId, payment, {
            actor: ACTOR,
            onlyIf: "WAITING_FOR_DEPOSIT",
            // Still waiting: the latest read is stored, then the account expires.
            then: async (tx, settled) =>
              payment.outcome !== "WAITING_FOR_DEPOSIT" ? (settled.changed ? ("settled" as const) : ("deferred" as const)) : expire(tx, settled.order),
          })
        : await database.transaction(async (tx) => {
            const locked = await lockOrderByOrderId(tx, order.orderId);
            return locked?.status === "WAITING_FOR_DEPOSIT" ? expire(tx, locked) : null;
          });
      if (outcome === "expired") report.expiredVirtualAccounts++;
      else if (outcome === "settled") report.settledConfirming++;
      else report.deferred++;
    } catch (error) {
      report.errors++;
      orderLog(order.orderId).error({ err: error }, "sweeper could not check a virtual account past its due date");
      await recordOrderEvent(database, order.id, { type: "SWEEP_ERROR", message: `자동 확인 중 오류: ${describe(provider, error).slice(0, 200)}`, actor: ACTOR }).catch(() => undefined);
    }
  }
}

function describe(provider: PaymentProvider, error: unknown): string {
  const failure = provider.classifyError(error);
  return failure ? `${failure.code} ${failure.message}` : error instanceof Error ? error.message : String(error);
}

const sweeperKey = Symbol.for("jangteo.sweeper");
type SweeperHolder = { timer?: NodeJS.Timeout; running?: boolean };

/**
 * Runs the sweeper every SWEEPER_INTERVAL_SECONDS inside this process (once per process, however
 * many bundles import this). 0 turns it off. The timer never keeps the process alive.
 */
export function startSweeper(): void {
  const seconds = env().SWEEPER_INTERVAL_SECONDS;
  if (seconds === 0) return;
  const holder: SweeperHolder = ((globalThis as Record<symbol, SweeperHolder>)[sweeperKey] ??= {});
  if (holder.timer) return;
  holder.timer = setInterval(() => {
    if (holder.running) return;
    holder.running = true;
    sweepOrders()
      .then((r) => {
        const changed = r.expiredPending + r.settledConfirming + r.expiredVirtualAccounts;
        if (changed > 0 || r.errors > 0) log.info({ sweep: r }, "sweeper round");
      })
      .catch((error: unknown) => log.error({ err: error }, "sweeper failed"))
      .finally(() => {
        holder.running = false;
      });
  }, seconds * 1000);
  holder.timer.unref();
}
