import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { orders, payments, type Payment as PaymentRow } from "@/db/schema";
import type { PaymentSnapshot } from "@/lib/payments";
import { storableBody } from "@/lib/payments/redact";

/**
 * Joins an order to its payment: the one whose key the order claimed when its confirm began (an
 * order never stores a payment under another key). A join, not a correlated subquery: drizzle
 * writes a one-table select's columns without their table, so `payments.order_id = orders.id`
 * inside a subquery in the select list came out as `"order_id" = "id"`, the payment compared
 * with itself, and every order showed one payment's method.
 */
export const paymentOfOrder = and(eq(payments.orderId, orders.id), eq(payments.paymentKey, orders.paymentKey))!;

/**
 * Stores what the provider says about a payment: inserted on first sight, updated afterwards (the
 * latest read wins). The webhook secret is kept once known, since later reads may omit it.
 */
export async function recordPayment(tx: Executor, orderDbId: number, payment: PaymentSnapshot): Promise<PaymentRow> {
  const va = payment.virtualAccount;
  const values = {
    orderId: orderDbId,
    provider: payment.provider,
    paymentKey: payment.reference,
    method: payment.methodLabel,
    providerStatus: payment.providerStatus,
    totalAmount: payment.amount,
    balanceAmount: payment.balance,
    approvedAt: payment.approvedAt,
    virtualAccountBankCode: va?.bankCode ?? null,
    virtualAccountNumber: va?.accountNumber ?? null,
    virtualAccountHolder: va?.holder ?? null,
    virtualAccountDueDate: va?.dueDate ?? null,
    secret: payment.webhookSecret,
    receiptUrl: payment.receiptUrl,
    // The secret authenticates deposit callbacks: kept in its own column, never in the copy.
    raw: JSON.parse(storableBody(JSON.stringify(payment.raw ?? null))) as unknown,
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
