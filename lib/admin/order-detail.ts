import { asc, desc, eq, inArray } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { orderEvents, orderItems, orders, paymentCancels, payments, type Payment as PaymentRow } from "@/db/schema";
import { recordOrderEvent } from "@/lib/orders/state";
import { ORDER_ID_PATTERN } from "@/lib/orders/order-id";
import { bankName } from "@/lib/payments/banks";
import { providerOf } from "@/lib/payments";
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
    payments: paymentRows.map((p) => paymentDetail(p)),
    cancels,
    events,
    deliveries,
  };
}

function paymentDetail(p: PaymentRow) {
  const snapshot = providerOf(p.provider).snapshotOf(p.raw);
  return {
      ...p,
      card: snapshot?.card ?? null,
      cashReceipt: cashReceiptView(snapshot?.cashReceipt),
      virtualAccount: p.virtualAccountNumber
        ? {
            bank: bankName(p.virtualAccountBankCode) ?? p.virtualAccountBankCode ?? "",
            accountNumber: p.virtualAccountNumber,
            holder: p.virtualAccountHolder ?? "",
            dueDate: p.virtualAccountDueDate,
            depositor: snapshot?.virtualAccount?.depositor ?? "",
          }
        : null,
  };
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
