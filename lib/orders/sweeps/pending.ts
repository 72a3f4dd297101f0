import { and, asc, eq, lt } from "drizzle-orm";
import type { Database } from "@/db/client";
import { orders } from "@/db/schema";
import { env } from "@/lib/env";
import { SWEEP_BATCH_SIZE } from "../provider-call-limits";
import { transitionOrder } from "../state";
import { SWEEP_ACTOR as ACTOR, type SweepOptions } from "./options";

/** Unpaid orders past PENDING_ORDER_TTL_MINUTES expire and give their stock back, in batches taken with SKIP LOCKED. */
export async function expirePending(database: Database, now: Date, options: SweepOptions): Promise<number> {
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
