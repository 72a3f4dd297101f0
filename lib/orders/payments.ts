import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { orders, payments, type Payment as PaymentRow } from "@/db/schema";
import type { Payment } from "@/lib/toss/models";
import { REDACTED } from "@/lib/webhooks/deliveries";

/**
 * Joins an order to its payment: the one whose key the order claimed when its confirm began (an
 * order never stores a payment under another key). A join, not a correlated subquery: drizzle
 * writes a one-table select's columns without their table, so `payments.order_id = orders.id`
 * inside a subquery in the select list came out as `"order_id" = "id"`, the payment compared
 * with itself, and every order showed one payment's method.
 */
export const paymentOfOrder = and(eq(payments.orderId, orders.id), eq(payments.paymentKey, orders.paymentKey))!;

/** Toss timestamps are ISO strings with an offset; an unparseable one is stored as null. */
function toDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Stores what Toss says about a payment: inserted on first sight, updated afterwards (the
 * latest Toss read wins). The webhook secret is kept once known, since later reads may omit it.
 */
export async function recordPayment(tx: Executor, orderDbId: number, payment: Payment): Promise<PaymentRow> {
  const va = payment.virtualAccount;
  const values = {
    orderId: orderDbId,
    paymentKey: payment.paymentKey,
    method: payment.method,
    tossStatus: payment.status,
    totalAmount: payment.totalAmount,
    balanceAmount: payment.balanceAmount,
    approvedAt: toDate(payment.approvedAt),
    virtualAccountBankCode: va?.bankCode ?? null,
    virtualAccountNumber: va?.accountNumber ?? null,
    virtualAccountHolder: va?.customerName ?? null,
    virtualAccountDueDate: toDate(va?.dueDate),
    secret: payment.secret,
    receiptUrl: payment.receipt?.url ?? null,
    // The secret authenticates deposit callbacks: kept in its own column, never in the copy.
    raw: { ...payment, secret: payment.secret === null ? null : REDACTED },
  };
  const [row] = await tx
    .insert(payments)
    .values(values)
    .onConflictDoUpdate({
      target: payments.paymentKey,
      set: {
        ...values,
        secret: sql`coalesce(excluded.secret, ${payments.secret})`,
        virtualAccountBankCode: sql`coalesce(excluded.virtual_account_bank_code, ${payments.virtualAccountBankCode})`,
        virtualAccountNumber: sql`coalesce(excluded.virtual_account_number, ${payments.virtualAccountNumber})`,
        virtualAccountHolder: sql`coalesce(excluded.virtual_account_holder, ${payments.virtualAccountHolder})`,
        virtualAccountDueDate: sql`coalesce(excluded.virtual_account_due_date, ${payments.virtualAccountDueDate})`,
        updatedAt: new Date(),
      },
    })
    .returning();
  return row!;
}

export async function findPaymentByKey(tx: Executor, paymentKey: string): Promise<PaymentRow | null> {
  const [row] = await tx.select().from(payments).where(eq(payments.paymentKey, paymentKey)).limit(1);
  return row ?? null;
}
