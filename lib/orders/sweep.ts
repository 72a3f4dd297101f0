import { and, asc, eq, inArray, lt, sql } from "drizzle-orm";
import { db as defaultDb, type Database, type Transaction } from "@/db/client";
import { carts, orders, payments, type Order, type OrderStatus } from "@/db/schema";
import { env } from "@/lib/env";
import { sweepFulfillment, type FulfillmentSweep } from "@/lib/fulfillment/shipping";
import { log, orderLog } from "@/lib/log";
import { pruneRateLimitHits } from "@/lib/rate-limit";
import { pruneWebhookDeliveries } from "@/lib/webhooks/deliveries";
import { tossClient, type TossClient } from "@/lib/toss/client";
import { TossAlreadyProcessedError, TossError, TossNotFoundError, TossSchemaError } from "@/lib/toss/errors";
import type { Payment } from "@/lib/toss/models";
import { isWaitingForDeposit, paymentOutcome } from "@/lib/toss/payment";
import { settlePendingRefunds } from "./refund";
import { settleOrderFromPayment } from "./settle";
import { lockOrderByOrderId, recordOrderEvent, transitionOrder } from "./state";
import { recordUnparseablePayment } from "./unparseable";

export type SweepOptions = {
  db?: Database;
  toss?: TossClient;
  /** The sweeper's idea of now (tests move it forward). Default: the real time. */
  now?: Date;
  /** PENDING orders older than this expire. Default PENDING_ORDER_TTL_MINUTES (30). */
  pendingTtlMinutes?: number;
  /** CONFIRMING orders untouched for this long are settled from Toss. Default 60 s. */
  confirmingAfterMs?: number;
  /** Rows taken per batch. Default 50. */
  batchSize?: number;
  /** Deadline of each Toss call the sweeper makes. Default 10 s. */
  tossDeadlineMs?: number;
  /** Webhook deliveries and abandoned carts older than this are deleted. Default RETENTION_DAYS (90). */
  retentionDays?: number;
};

export type SweepReport = {
  expiredPending: number;
  settledConfirming: number;
  expiredVirtualAccounts: number;
  /** Rows looked at but left as they were (Toss unreachable, still in progress, …). */
  deferred: number;
  errors: number;
  pruned: { webhookDeliveries: number; carts: number; rateLimitHits: number };
  /** Parcels counted delivered after DELIVERED_AFTER_DAYS, orders confirmed after PURCHASE_CONFIRM_AFTER_DAYS. */
  fulfillment: FulfillmentSweep;
};

const ACTOR = "sweeper";

/**
 * docs/architecture.md, money path. Every row is taken with FOR UPDATE SKIP LOCKED, so any number of
 * instances may sweep at once. Rows that need Toss are leased (updated_at bumped) in a short
 * transaction, read from Toss with no transaction open, then settled under the row lock.
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
  await settlePendingRefunds(database, { toss: options.toss, now });
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
  const webhookDeliveries = await pruneWebhookDeliveries(database, before);
  const prunedCarts = await database.delete(carts).where(lt(carts.updatedAt, before)).returning({ id: carts.id });
  const rateLimitHits = await pruneRateLimitHits(database, 24 * 3_600);
  return { webhookDeliveries, carts: prunedCarts.length, rateLimitHits };
}

async function expirePending(database: Database, now: Date, options: SweepOptions): Promise<number> {
  const ttlMs = (options.pendingTtlMinutes ?? env().PENDING_ORDER_TTL_MINUTES) * 60_000;
  const cutoff = new Date(now.getTime() - ttlMs);
  const batchSize = options.batchSize ?? 50;
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
          .limit(options.batchSize ?? 50)
          .for("update", { skipLocked: true })
      ).map((r) => r.id),
    now,
  );
  const toss = options.toss ?? tossClient();
  const call = { deadlineMs: options.tossDeadlineMs ?? 10_000 };
  for (const order of batch) {
    const logger = orderLog(order.orderId);
    try {
      const step = await confirmingStep(database, toss, order, call);
      if (step.kind === "error") report.errors++;
      const changed = await database.transaction(async (tx) => {
        const locked = await lockOrderByOrderId(tx, order.orderId);
        if (!locked || locked.status !== "CONFIRMING") return false;
        if (step.kind === "payment") return (await settleOrderFromPayment(tx, locked, step.payment, ACTOR)).changed;
        await recordOrderEvent(tx, locked.id, { type: step.event, message: step.message, data: step.data, actor: ACTOR });
        // Toss has no payment for this order even after the shopper's payment window: nothing was charged.
        if (step.kind === "not-found" && now.getTime() - locked.statusChangedAt.getTime() > windowMs) {
          await transitionOrder(tx, locked, "FAILED", {
            type: "PAYMENT_NOT_FOUND",
            message: "결제 시간이 지나도록 토스페이먼츠에 결제가 없어 주문이 실패 처리되고 재고가 돌아갔습니다",
            data: { failure: { code: "NOT_FOUND_PAYMENT", message: "결제 정보를 찾을 수 없습니다." } },
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
      await recordOrderEvent(database, order.id, { type: "SWEEP_ERROR", message: `자동 확인 중 오류: ${describe(error).slice(0, 200)}`, actor: ACTOR }).catch(() => undefined);
    }
  }
}

type ConfirmingStep =
  | { kind: "payment"; payment: Payment }
  | { kind: "error" | "not-found"; event: string; message: string; data: Record<string, unknown> };

/**
 * What to do with a CONFIRMING order, from what Toss says. A payment still waiting for its confirm
 * is confirmed again in a new round under a new Idempotency-Key (recorded on the order), since Toss
 * replays the stored answer of a key, errors included. Every failed step is returned as an event.
 */
async function confirmingStep(database: Database, toss: TossClient, order: Order, call: { deadlineMs: number }): Promise<ConfirmingStep> {
  const logger = orderLog(order.orderId);
  let payment: Payment;
  try {
    payment = await toss.getPaymentByOrderId(order.orderId, call);
  } catch (error) {
    if (!(error instanceof TossError)) throw error;
    if (error instanceof TossSchemaError) {
      await recordUnparseablePayment(database, order, error, ACTOR);
      return { kind: "error", event: "SWEEP_CHECK_FAILED", message: "결제 정보를 읽지 못했습니다 (관리자 확인 필요)", data: { error: errorData(error) } };
    }
    logger.warn({ code: error.code }, "sweeper could not read the payment");
    return {
      kind: error instanceof TossNotFoundError ? "not-found" : "error",
      event: "SWEEP_CHECK_FAILED",
      message: `결제 상태를 확인하지 못했습니다 (${error.code}). 다음 확인 때 다시 시도합니다`,
      data: { error: errorData(error) },
    };
  }
  if (paymentOutcome(payment) !== "PENDING" || !order.paymentKey) return { kind: "payment", payment };

  const [{ round }] = (await database
    .update(orders)
    .set({ confirmRound: sql`${orders.confirmRound} + 1` })
    .where(eq(orders.id, order.id))
    .returning({ round: orders.confirmRound })) as [{ round: number }];
  const idempotencyKey = sweeperConfirmKey(order.orderId, round);
  try {
    const confirmed = await toss.confirmPayment({ paymentKey: order.paymentKey, orderId: order.orderId, amount: order.amount }, { idempotencyKey, ...call });
    return { kind: "payment", payment: confirmed };
  } catch (error) {
    if (!(error instanceof TossError)) throw error;
    if (error instanceof TossAlreadyProcessedError) {
      try {
        return { kind: "payment", payment: await toss.getPayment(order.paymentKey, call) };
      } catch (readError) {
        if (!(readError instanceof TossError)) throw readError;
        return { kind: "error", event: "SWEEP_CHECK_FAILED", message: `결제 상태를 확인하지 못했습니다 (${readError.code})`, data: { error: errorData(readError) } };
      }
    }
    logger.warn({ code: error.code, round, idempotencyKey }, "sweeper confirm failed; a later sweep tries a new round");
    // A refusal leaves the payment aborted or expired: the next sweep reads that and settles it.
    return {
      kind: "error",
      event: "SWEEP_CONFIRM_FAILED",
      message: `결제 승인 재시도 ${round}회차 실패 (${error.code}). 다음 확인 때 다시 시도합니다`,
      data: { round, idempotencyKey, error: errorData(error) },
    };
  }
}

/** One key per sweep round, never the keys /success used (`confirm-<orderId>`, `…-2`). */
export function sweeperConfirmKey(orderId: string, round: number): string {
  return `confirm-${orderId}-sweep-${round}`;
}

function errorData(error: TossError) {
  return { code: error.code, message: error.message, httpStatus: error.httpStatus };
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
          .innerJoin(payments, and(eq(payments.orderId, orders.id), eq(payments.paymentKey, orders.paymentKey)))
          .where(and(eq(orders.status, "WAITING_FOR_DEPOSIT"), lt(payments.virtualAccountDueDate, now), lt(orders.updatedAt, new Date(now.getTime() - 60_000))))
          .orderBy(asc(payments.virtualAccountDueDate))
          .limit(options.batchSize ?? 50)
          .for("update", { of: orders, skipLocked: true })
      ).map((r) => r.id),
    now,
  );
  const toss = options.toss ?? tossClient();
  const call = { deadlineMs: options.tossDeadlineMs ?? 10_000 };
  for (const order of batch) {
    try {
      // A deposit whose webhook never arrived must not be expired: ask Toss first.
      let payment: Payment | null = null;
      try {
        payment = await toss.getPayment(order.paymentKey!, call);
      } catch (error) {
        if (error instanceof TossSchemaError) await recordUnparseablePayment(database, order, error, ACTOR);
        if (!(error instanceof TossNotFoundError)) throw error;
      }
      const outcome = await database.transaction(async (tx) => {
        const locked = await lockOrderByOrderId(tx, order.orderId);
        if (!locked || locked.status !== "WAITING_FOR_DEPOSIT") return "deferred" as const;
        if (payment && !isWaitingForDeposit(payment)) {
          return (await settleOrderFromPayment(tx, locked, payment, ACTOR)).changed ? ("settled" as const) : ("deferred" as const);
        }
        if (payment) await settleOrderFromPayment(tx, locked, payment, ACTOR); // stores the latest read
        await transitionOrder(tx, locked, "EXPIRED", {
          type: "VIRTUAL_ACCOUNT_EXPIRED",
          message: "가상계좌 입금 기한이 지나 주문이 만료되고 재고가 돌아갔습니다",
          data: { paymentKey: locked.paymentKey, dueDate: payment?.virtualAccount?.dueDate ?? null },
          actor: ACTOR,
        });
        return "expired" as const;
      });
      if (outcome === "expired") report.expiredVirtualAccounts++;
      else if (outcome === "settled") report.settledConfirming++;
      else report.deferred++;
    } catch (error) {
      report.errors++;
      orderLog(order.orderId).error({ err: error }, "sweeper could not check a virtual account past its due date");
      await recordOrderEvent(database, order.id, { type: "SWEEP_ERROR", message: `자동 확인 중 오류: ${describe(error).slice(0, 200)}`, actor: ACTOR }).catch(() => undefined);
    }
  }
}

function describe(error: unknown): string {
  return error instanceof TossError ? `${error.code} ${error.message}` : error instanceof Error ? error.message : String(error);
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
