import { and, eq, inArray } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { orders, type Order, type OrderStatus } from "@/db/schema";
import type { PaymentFailure, PaymentProvider } from "@/lib/payments";

/** Takes up to `batchSize` rows with SKIP LOCKED and leases them by bumping updated_at to `now`. */
export async function lease(database: Database, status: OrderStatus, ids: (tx: Transaction) => Promise<number[]>, now: Date): Promise<Order[]> {
  return database.transaction(async (tx) => {
    const picked = await ids(tx);
    if (picked.length === 0) return [];
    return tx.update(orders).set({ updatedAt: now }).where(and(inArray(orders.id, picked), eq(orders.status, status))).returning();
  });
}

/** A failure as the timeline records it. */
export function errorData(failure: PaymentFailure) {
  return { code: failure.code, message: failure.message, httpStatus: failure.httpStatus };
}

export function describeFailure(provider: PaymentProvider, error: unknown): string {
  const failure = provider.classifyError(error);
  return failure ? `${failure.code} ${failure.message}` : error instanceof Error ? error.message : String(error);
}
