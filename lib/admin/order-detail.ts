import { asc, desc, eq, inArray } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { orderEvents, orderItems, orders, paymentCancels, payments } from "@/db/schema";
import { recordOrderEvent } from "@/lib/orders/state";
import { ORDER_ID_PATTERN } from "@/lib/orders/order-id";
import { bankName } from "@/lib/toss/banks";
import { listDeliveriesForOrder } from "@/lib/webhooks/deliveries";
import { adminActorName } from "@/lib/auth/actor";
import type { AdminUser } from "@/lib/auth/users";
import { cashReceiptView } from "@/lib/orders/cash-receipt";

export type AdminOrder = NonNullable<Awaited<ReturnType<typeof getAdminOrder>>>;

/** Everything the admin's order page shows: the order, its money and its whole history. */
export async function getAdminOrder(db: Executor, orderId: string) {
  if (!ORDER_ID_PATTERN.test(orderId)) return null;
  const [order] = await db.select().from(orders).where(eq(orders.orderId, orderId)).limit(1);
  if (!order) return null;
  const [items, paymentRows, events, deliveries] = await Promise.all([
    db.select().from(orderItems).where(eq(orderItems.orderId, order.id)).orderBy(asc(orderItems.id)),
    db.select().from(payments).where(eq(payments.orderId, order.id)).orderBy(asc(payments.id)),
    db.select().from(orderEvents).where(eq(orderEvents.orderId, order.id)).orderBy(desc(orderEvents.createdAt), desc(orderEvents.id)),
    listDeliveriesForOrder(db, order.orderId),
  ]);
  const cancels = paymentRows.length
    ? await db.select().from(paymentCancels).where(inArray(paymentCancels.paymentId, paymentRows.map((p) => p.id))).orderBy(asc(paymentCancels.createdAt))
    : [];
  return {
    order,
    items,
    payments: paymentRows.map((p) => ({
      ...p,
      card: cardOf(p.raw),
      cashReceipt: cashReceiptView(p.raw),
      virtualAccount: p.virtualAccountNumber
        ? {
            bank: bankName(p.virtualAccountBankCode) ?? p.virtualAccountBankCode ?? "",
            accountNumber: p.virtualAccountNumber,
            holder: p.virtualAccountHolder ?? "",
            dueDate: p.virtualAccountDueDate,
            depositor: depositorOf(p.raw),
          }
        : null,
    })),
    cancels,
    events,
    deliveries,
  };
}

function record(value: unknown): Record<string, unknown> | null {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** The card block of Toss's Payment, as far as it is there: issuer, masked number, instalments. */
function cardOf(raw: unknown): { number: string; issuerCode: string; installmentPlanMonths: number; approveNo: string } | null {
  const card = record(record(raw)?.card);
  if (!card) return null;
  return {
    number: String(card.number ?? ""),
    issuerCode: String(card.issuerCode ?? ""),
    installmentPlanMonths: Number(card.installmentPlanMonths ?? 0),
    approveNo: String(card.approveNo ?? ""),
  };
}

function depositorOf(raw: unknown): string {
  const va = record(record(raw)?.virtualAccount);
  return String(va?.depositorName ?? va?.customerName ?? "");
}

export const NOTE_MAX_LENGTH = 1000;

/** An owner's note on the timeline; false when the order does not exist. */
export async function addOrderNote(db: Executor, orderId: string, note: string, author: Pick<AdminUser, "email">): Promise<boolean> {
  if (!ORDER_ID_PATTERN.test(orderId)) return false;
  const [order] = await db.select({ id: orders.id }).from(orders).where(eq(orders.orderId, orderId)).limit(1);
  if (!order) return false;
  await recordOrderEvent(db, order.id, { type: "NOTE", message: note, actor: adminActorName(author) });
  return true;
}
