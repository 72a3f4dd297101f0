import { and, asc, eq, lt } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { orders, payments, type Order } from "@/db/schema";
import { orderLog } from "@/lib/log";
import { paymentProvider, type PaymentSnapshot } from "@/lib/payments";
import { paymentOfOrder } from "../payments";
import { BACKGROUND_CALL_DEADLINE_MS, SWEEP_BATCH_SIZE } from "../provider-call-limits";
import { settleUnderOrderLock } from "../settle";
import { lockOrderByOrderId, recordOrderEvent, transitionOrder } from "../state";
import { recordUnparseablePayment } from "../unparseable";
import { describeFailure as describe, lease } from "./lease";
import { SWEEP_ACTOR as ACTOR, type SweepOptions, type SweepReport } from "./options";

/** Virtual accounts past their due date: the provider is asked first (a deposit whose webhook never came is settled, not expired). */
export async function expireVirtualAccounts(database: Database, now: Date, options: SweepOptions, report: SweepReport): Promise<void> {
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
