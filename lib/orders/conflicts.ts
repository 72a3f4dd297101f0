import { desc, isNull } from "drizzle-orm";
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

export async function listOpenPaymentConflicts(db: Executor, limit = 50): Promise<PaymentConflict[]> {
  return db.select().from(paymentConflicts).where(isNull(paymentConflicts.resolvedAt)).orderBy(desc(paymentConflicts.createdAt)).limit(limit);
}
