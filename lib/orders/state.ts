import { and, eq, sql } from "drizzle-orm";
import { rowsOf, type Executor, type Transaction } from "@/db/client";
import { revalidateStockChanges } from "@/lib/catalog";
import { orderEvents, orderItems, orders, products, type NewOrder, type Order, type OrderStatus } from "@/db/schema";

/** The order states of docs/architecture.md: every move an order may make, and nothing else. */
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
 * Moves an order from `from` to `to` with one conditional update, then (only if that update
 * moved the row) writes the order event and, when the order gives up its reservation, returns
 * its stock — all on the caller's transaction. Returns the updated order, or null when the order
 * was no longer in `from`: a caller that lost the race writes nothing.
 */
export async function transitionOrder(
  tx: Transaction,
  order: Pick<Order, "id" | "status">,
  to: OrderStatus,
  event: OrderEventInput,
  set: Partial<Pick<NewOrder, "paymentKey" | "paidAt" | "canceledAt">> = {},
): Promise<Order | null> {
  const from = order.status;
  if (!canTransition(from, to)) throw new Error(`Order transition ${from} → ${to} is not allowed`);
  // Awaited alone: the row lock it takes decides the race before anything else is written.
  const now = new Date();
  const [updated] = await tx
    .update(orders)
    .set({ ...set, status: to, statusChangedAt: now, ...fulfillmentFollowing(to, now) })
    .where(and(eq(orders.id, order.id), eq(orders.status, from)))
    .returning();
  if (!updated) return null;
  const writes: Promise<unknown>[] = [
    tx.insert(orderEvents).values({
      orderId: order.id,
      type: event.type,
      fromStatus: from,
      toStatus: to,
      message: event.message ?? "",
      data: event.data ?? null,
      actor: event.actor ?? "system",
    }),
  ];
  if (RELEASES_STOCK.has(to) && HOLDS_RESERVATION.has(from)) writes.push(releaseStock(tx, order.id));
  await Promise.all(writes);
  return updated;
}

/**
 * The goods follow the money: a paid order becomes a 신규 주문 to pack (once: a deposit error that
 * Toss reverts and redeposits does not start it again), and a full refund before the parcel left
 * ends the fulfillment as 취소. After shipping a refund is a return and leaves the parcel's state.
 */
function fulfillmentFollowing(to: OrderStatus, now: Date) {
  if (to === "PAID") {
    return { fulfillmentStatus: sql`coalesce(${orders.fulfillmentStatus}, 'NEW')`, fulfillmentChangedAt: sql`coalesce(${orders.fulfillmentChangedAt}, ${now.toISOString()}::timestamptz)` };
  }
  if (to === "CANCELED") {
    const ends = sql`${orders.fulfillmentStatus} in ('NEW', 'PREPARING')`;
    return {
      fulfillmentStatus: sql`case when ${ends} then 'CANCELED'::fulfillment_status else ${orders.fulfillmentStatus} end`,
      fulfillmentChangedAt: sql`case when ${ends} then ${now.toISOString()}::timestamptz else ${orders.fulfillmentChangedAt} end`,
    };
  }
  return {};
}

/** Gives an order's reserved units back, locking the products in id order (as placeOrder does) so two releases cannot deadlock. */
async function releaseStock(tx: Transaction, orderDbId: number): Promise<void> {
  const released = await tx.execute(sql`
    with lines as (
      select ${orderItems.productId} as product_id, sum(${orderItems.quantity})::int as quantity
      from ${orderItems} where ${orderItems.orderId} = ${orderDbId} and ${orderItems.productId} is not null
      group by ${orderItems.productId}
    ), locked as (
      select ${products.id} as id, lines.quantity from ${products} join lines on lines.product_id = ${products.id}
      order by ${products.id} for update of ${products}
    )
    update ${products} set stock = ${products.stock} + locked.quantity from locked where ${products.id} = locked.id
    returning ${products.slug} as slug, ${products.stock} as stock, locked.quantity as quantity`);
  // Refreshes the catalog pages whose shown stock state this release changed.
  revalidateStockChanges(tx, rowsOf<{ slug: string; stock: number; quantity: number }>(released).map((r) => ({ slug: r.slug, before: r.stock - r.quantity, after: r.stock })));
}

/** Loads an order by its orderId (the one the provider knows) and locks its row until the transaction ends. */
export async function lockOrderByOrderId(tx: Executor, orderId: string): Promise<Order | null> {
  const [row] = await tx.select().from(orders).where(eq(orders.orderId, orderId)).for("update").limit(1);
  return row ?? null;
}

export async function findOrderByOrderId(tx: Executor, orderId: string): Promise<Order | null> {
  const [row] = await tx.select().from(orders).where(eq(orders.orderId, orderId)).limit(1);
  return row ?? null;
}
