import { and, eq, sql } from "drizzle-orm";
import * as stock from "@/lib/products/stock";
import { HOLDS_RESERVATION, isIn, RELEASED } from "./status-groups";
import type { Executor, Transaction } from "@/db/client";
import { orderEvents, orders, type NewOrder, type Order, type OrderStatus } from "@/db/schema";

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
  // A paid order's units were sold: its refunds restock them (lib/orders/refund.ts), not this.
  if (isIn(RELEASED, to) && isIn(HOLDS_RESERVATION, from)) writes.push(stock.release(tx, order.id));
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

/** Loads an order by its orderId (the one the provider knows) and locks its row until the transaction ends. */
export async function lockOrderByOrderId(tx: Executor, orderId: string): Promise<Order | null> {
  const [row] = await tx.select().from(orders).where(eq(orders.orderId, orderId)).for("update").limit(1);
  return row ?? null;
}

export async function findOrderByOrderId(tx: Executor, orderId: string): Promise<Order | null> {
  const [row] = await tx.select().from(orders).where(eq(orders.orderId, orderId)).limit(1);
  return row ?? null;
}
