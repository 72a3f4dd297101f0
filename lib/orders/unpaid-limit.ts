import type { Executor } from "@/db/client";
import { takeRateLimit } from "@/lib/rate-limit";

export const UNPAID_ORDERS_BUCKET = "unpaid-orders";
const HOUR_SECONDS = 60 * 60;

export type UnpaidOrderSlot = { ok: true } | { ok: false; code: "TOO_MANY_ORDERS"; message: string };

/**
 * Counts one order placement against the client's address (at most `perHour` an hour, 0 = no
 * limit), so that one client cannot reserve the store's stock with a stream of unpaid orders.
 * Counted in the database, so the limit holds across server processes; racing callers never pass
 * more than `perHour` together.
 */
export async function takeUnpaidOrderSlot(db: Executor, clientAddress: string | null, perHour: number): Promise<UnpaidOrderSlot> {
  if (perHour === 0) return { ok: true };
  const taken = await takeRateLimit(db, { bucket: UNPAID_ORDERS_BUCKET, key: clientAddress ?? "unknown", limit: perHour, windowSeconds: HOUR_SECONDS });
  if (taken.allowed) return { ok: true };
  const minutes = Math.ceil(taken.retryAfterSeconds / 60);
  return {
    ok: false,
    code: "TOO_MANY_ORDERS",
    message: `결제하지 않은 주문이 너무 많아요. 먼저 만든 주문을 결제하거나 ${minutes}분 뒤에 다시 시도해 주세요`,
  };
}
