import { and, desc, eq, isNull } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { paymentConflicts, type PaymentConflict } from "@/db/schema";
import { orderLog } from "@/lib/log";

export type PaymentConflictKind = "UNKNOWN_ORDER" | "UNPARSEABLE_PAYMENT" | "PAYMENT_MISMATCH" | "REFUND_FAILED";

/** Records money that needs an owner's eyes; the one way every path reports one. */
export async function recordPaymentConflict(
  db: Executor,
  conflict: { kind: PaymentConflictKind; source: string; orderId?: string | null; paymentKey?: string | null; detail?: string; raw?: string | null },
): Promise<void> {
  orderLog(conflict.orderId ?? "-").warn({ kind: conflict.kind, paymentKey: conflict.paymentKey, source: conflict.source }, conflict.detail ?? "payment conflict");
  await db.insert(paymentConflicts).values({
    kind: conflict.kind,
    source: conflict.source,
    orderId: conflict.orderId ?? null,
    paymentKey: conflict.paymentKey ?? null,
    detail: conflict.detail ?? "",
    raw: conflict.raw ?? null,
  });
}

/**
 * Records a conflict unless one of the same kind is still open for the same order and payment:
 * every redelivery and sweep would otherwise repeat what the owner has already been shown.
 * Returns whether it recorded one.
 */
export async function recordPaymentConflictOnce(db: Executor, conflict: Parameters<typeof recordPaymentConflict>[1] & { orderId: string }): Promise<boolean> {
  const samePayment = conflict.paymentKey ? eq(paymentConflicts.paymentKey, conflict.paymentKey) : isNull(paymentConflicts.paymentKey);
  const [open] = await db
    .select({ id: paymentConflicts.id })
    .from(paymentConflicts)
    .where(and(eq(paymentConflicts.orderId, conflict.orderId), eq(paymentConflicts.kind, conflict.kind), samePayment, isNull(paymentConflicts.resolvedAt)))
    .limit(1);
  if (open) return false;
  await recordPaymentConflict(db, conflict);
  return true;
}

export async function listOpenPaymentConflicts(db: Executor, limit = 50): Promise<PaymentConflict[]> {
  return db.select().from(paymentConflicts).where(isNull(paymentConflicts.resolvedAt)).orderBy(desc(paymentConflicts.createdAt)).limit(limit);
}
