import { and, eq, sql } from "drizzle-orm";
import type { Executor, Transaction } from "@/db/client";
import { orderEvents, orderItems, orders, products, type NewOrder, type Order, type OrderStatus } from "@/db/schema";

/** DESIGN.md "Order states": every move an order may make, and nothing else. */
export const orderTransitions: Record<OrderStatus, readonly OrderStatus[]> = {
  PENDING: ["CONFIRMING", "FAILED", "EXPIRED"],
  CONFIRMING: ["PAID", "WAITING_FOR_DEPOSIT", "FAILED"],
  // A virtual account: deposited, never paid, or canceled before its deposit.
  WAITING_FOR_DEPOSIT: ["PAID", "EXPIRED", "CANCELED"],
  // PAID → WAITING_FOR_DEPOSIT is a virtual-account deposit error that Toss reverted.
  PAID: ["PARTIAL_CANCELED", "CANCELED", "WAITING_FOR_DEPOSIT"],
  PARTIAL_CANCELED: ["PARTIAL_CANCELED", "CANCELED"],
  FAILED: [],
  EXPIRED: [],
  CANCELED: [],
};

/** States in which the order no longer holds the stock it reserved. */
const RELEASES_STOCK: ReadonlySet<OrderStatus> = new Set(["FAILED", "EXPIRED", "CANCELED"]);
/** States that still hold a reservation; a paid order's units were sold, and its refunds restock (lib/orders/refund.ts). */
const HOLDS_RESERVATION: ReadonlySet<OrderStatus> = new Set(["PENDING", "CONFIRMING", "WAITING_FOR_DEPOSIT"]);

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return orderTransitions[from].includes(to);
}

export type OrderEventInput = {
  type: string;
  message?: string;
  data?: Record<string, unknown>;
  /** shopper, toss, webhook, sweeper, admin:<email>, system */
  actor?: string;
};

/** Writes a timeline entry that is not a transition (a refused attempt, a note). */
export async function recordOrderEvent(tx: Executor, orderDbId: number, event: OrderEventInput): Promise<void> {
  await tx.insert(orderEvents).values({
    orderId: orderDbId,
    type: event.type,
    message: event.message ?? "",
    data: event.data ?? null,
    actor: event.actor ?? "system",
  });
}

/**
 * Moves an order from `from` to `to` with one conditional update, writes the order event and,
 * when the order gives up its reservation, returns its stock — all on the caller's transaction.
 * Returns the updated order, or null when the order was no longer in `from` (someone else moved it).
 */
export async function transitionOrder(
  // A transaction, never the pool: its statements are pipelined and must share one connection.
  tx: Transaction,
  order: Pick<Order, "id" | "status">,
  to: OrderStatus,
  event: OrderEventInput,
  set: Partial<Pick<NewOrder, "paymentKey" | "paidAt" | "canceledAt">> = {},
): Promise<Order | null> {
  const from = order.status;
  if (!canTransition(from, to)) throw new Error(`Order transition ${from} → ${to} is not allowed`);
  const now = new Date();
  // The event and the stock release are conditioned on the update having happened (the row now
  // carries this very transition's timestamp), so all statements go out in one round trip and
  // a lost race still writes nothing.
  const moved = sql`exists (select 1 from ${orders} where ${and(eq(orders.id, order.id), eq(orders.status, to), eq(orders.statusChangedAt, now))})`;
  const statements: Promise<unknown>[] = [
    tx
      .update(orders)
      .set({ ...set, status: to, statusChangedAt: now })
      .where(and(eq(orders.id, order.id), eq(orders.status, from)))
      .returning(),
    tx.execute(sql`
      insert into ${orderEvents} (order_id, type, from_status, to_status, message, data, actor)
      select ${order.id}, ${event.type}, ${from}, ${to}, ${event.message ?? ""}, ${event.data ? JSON.stringify(event.data) : null}::jsonb, ${event.actor ?? "system"}
      where ${moved}`),
  ];
  if (RELEASES_STOCK.has(to) && HOLDS_RESERVATION.has(from)) {
    // Gives the order's reserved units back to its products, in one statement.
    statements.push(
      tx.execute(sql`
        update ${products} set stock = ${products.stock} + ${orderItems.quantity}
        from ${orderItems}
        where ${orderItems.orderId} = ${order.id} and ${orderItems.productId} = ${products.id} and ${moved}`),
    );
  }
  const [updated] = (await Promise.all(statements))[0] as Order[];
  return updated ?? null;
}

/** Loads an order by its Toss orderId and locks its row until the transaction ends. */
export async function lockOrderByOrderId(tx: Executor, orderId: string): Promise<Order | null> {
  const [row] = await tx.select().from(orders).where(eq(orders.orderId, orderId)).for("update").limit(1);
  return row ?? null;
}

export async function findOrderByOrderId(tx: Executor, orderId: string): Promise<Order | null> {
  const [row] = await tx.select().from(orders).where(eq(orders.orderId, orderId)).limit(1);
  return row ?? null;
}
