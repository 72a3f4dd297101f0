import { and, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Database, Executor, Transaction } from "@/db/client";
import { orderEvents, orderItems, orders, shipmentItems, shipments, type FulfillmentStatus, type Order } from "@/db/schema";
import { checkTracking } from "./couriers";
import { canMoveFulfillment, fulfillmentLabels, SHIPPABLE_PAYMENT, unitsToShip } from "./state";

export type FulfillmentRefusal = { ok: false; code: string; message: string };

/**
 * Moves an order's fulfillment from its current state to `to` with one conditional update and,
 * only if that update moved the row, writes the order event — on the caller's transaction. Null
 * when the order had moved on meanwhile: the caller that lost the race writes nothing.
 */
export async function transitionFulfillment(
  tx: Executor,
  order: Pick<Order, "id" | "fulfillmentStatus">,
  to: FulfillmentStatus,
  event: { type: string; actor: string; message?: string; data?: Record<string, unknown> },
  set: Partial<Pick<Order, "deliveredAt" | "purchaseConfirmedAt">> = {},
): Promise<Order | null> {
  const from = order.fulfillmentStatus;
  if (!canMoveFulfillment(from, to)) throw new Error(`Fulfillment ${from} → ${to} is not allowed`);
  const [updated] = await tx
    .update(orders)
    .set({ ...set, fulfillmentStatus: to, fulfillmentChangedAt: new Date() })
    .where(and(eq(orders.id, order.id), eq(orders.fulfillmentStatus, from!)))
    .returning();
  if (!updated) return null;
  await tx.insert(orderEvents).values({
    orderId: order.id,
    type: event.type,
    message: event.message ?? `${fulfillmentLabels[from!]} → ${fulfillmentLabels[to]}`,
    data: { fulfillmentFrom: from, fulfillmentTo: to, ...event.data },
    actor: event.actor,
  });
  return updated;
}

export type AcceptResult = { accepted: string[]; refused: { orderId: string; message: string }[] };

/**
 * 발주 확인 for the chosen orders: each paid 신규 주문 moves to 발주 확인 in one statement, so two
 * staff pressing it at once accept each order once. The rest are listed with the reason.
 */
export async function acceptOrders(db: Database, orderIds: string[], actor: string): Promise<AcceptResult> {
  const unique = [...new Set(orderIds)];
  if (unique.length === 0) return { accepted: [], refused: [] };
  return db.transaction(async (tx) => {
    const moved = await tx
      .update(orders)
      .set({ fulfillmentStatus: "PREPARING", fulfillmentChangedAt: new Date() })
      .where(and(inArray(orders.orderId, unique), eq(orders.fulfillmentStatus, "NEW"), inArray(orders.status, SHIPPABLE_PAYMENT)))
      .returning({ id: orders.id, orderId: orders.orderId });
    if (moved.length > 0) {
      await tx.insert(orderEvents).values(
        moved.map((o) => ({
          orderId: o.id,
          type: "FULFILLMENT_ACCEPTED",
          message: `${fulfillmentLabels.NEW} → ${fulfillmentLabels.PREPARING}`,
          data: { fulfillmentFrom: "NEW", fulfillmentTo: "PREPARING" },
          actor,
        })),
      );
    }
    const acceptedIds = new Set(moved.map((o) => o.orderId));
    const others = unique.filter((id) => !acceptedIds.has(id));
    const found = others.length
      ? await tx.select({ orderId: orders.orderId, status: orders.status, fulfillmentStatus: orders.fulfillmentStatus }).from(orders).where(inArray(orders.orderId, others))
      : [];
    const byId = new Map(found.map((o) => [o.orderId, o]));
    const refused = others.map((orderId) => {
      const o = byId.get(orderId);
      if (!o) return { orderId, message: "없는 주문이에요." };
      if (!o.fulfillmentStatus) return { orderId, message: "결제되지 않은 주문이에요." };
      return { orderId, message: `이미 ${fulfillmentLabels[o.fulfillmentStatus]} 상태예요.` };
    });
    return { accepted: moved.map((o) => o.orderId), refused };
  });
}

export type ShipInput = {
  orderId: string;
  courier: string;
  trackingNumber?: string | null;
  /** The units this parcel carries; without it, every unit not yet sent. */
  lines?: { orderItemId: number; quantity: number }[];
};

export type ShipResult =
  | { ok: true; outcome: "shipped" | "already"; shipmentId: number; fulfillmentStatus: FulfillmentStatus }
  | FulfillmentRefusal;

/** Lines of an order with how many units are already in a parcel. */
export async function linesWithShipped(tx: Executor, orderDbId: number) {
  return tx
    .select({
      id: orderItems.id,
      productName: orderItems.productName,
      quantity: orderItems.quantity,
      refundedQuantity: orderItems.refundedQuantity,
      shippedQuantity: sql<number>`coalesce((select sum(${shipmentItems.quantity}) from ${shipmentItems} where ${shipmentItems.orderItemId} = ${orderItems.id}), 0)::int`,
    })
    .from(orderItems)
    .where(eq(orderItems.orderId, orderDbId))
    .orderBy(orderItems.id);
}

/**
 * 발송 처리: records one parcel (courier, tracking number, the units it carries) under the order's
 * row lock, so two staff shipping the same order at once make one parcel and the second is told.
 * The same courier and number for the same order again is "already", changing nothing (a second
 * upload of one file); the order moves to 배송 중 once every unit not refunded is in a parcel.
 */
export async function shipOrder(db: Database, input: ShipInput, actor: string): Promise<ShipResult> {
  return db.transaction((tx) => shipOrderIn(tx, input, actor));
}

/** shipOrder on the caller's transaction: a tracking upload ships its whole file in one. */
export async function shipOrderIn(tx: Transaction, input: ShipInput, actor: string): Promise<ShipResult> {
  const tracking = checkTracking(input.courier, input.trackingNumber);
  if (!tracking.ok) return { ok: false, code: "BAD_TRACKING", message: tracking.message };
  const [order] = await tx.select().from(orders).where(eq(orders.orderId, input.orderId)).for("update").limit(1);
  if (!order) return { ok: false, code: "UNKNOWN_ORDER", message: "없는 주문이에요." };
  if (tracking.trackingNumber) {
    const [same] = await tx
      .select({ id: shipments.id, orderId: shipments.orderId })
      .from(shipments)
      .where(and(eq(shipments.courier, tracking.courier.code), eq(shipments.trackingNumber, tracking.trackingNumber)))
      .limit(1);
    if (same && same.orderId === order.id) return { ok: true, outcome: "already", shipmentId: same.id, fulfillmentStatus: order.fulfillmentStatus! };
    if (same) return { ok: false, code: "TRACKING_IN_USE", message: `${tracking.courier.name} ${tracking.trackingNumber}은(는) 다른 주문에 등록된 송장번호예요.` };
  }
  if (!SHIPPABLE_PAYMENT.includes(order.status) || !order.fulfillmentStatus) {
    return { ok: false, code: "NOT_PAID", message: "결제가 끝나지 않았거나 전액 환불된 주문은 발송할 수 없어요." };
  }
  if (order.fulfillmentStatus !== "NEW" && order.fulfillmentStatus !== "PREPARING") {
    return { ok: false, code: "ALREADY_SHIPPED", message: `이미 ${fulfillmentLabels[order.fulfillmentStatus]} 상태인 주문이에요.` };
  }
  const lines = await linesWithShipped(tx, order.id);
  const wanted = input.lines ?? lines.map((l) => ({ orderItemId: l.id, quantity: unitsToShip(l) })).filter((l) => l.quantity > 0);
  if (wanted.length === 0) return { ok: false, code: "NOTHING_TO_SHIP", message: "보낼 상품이 남아 있지 않아요." };
  for (const want of wanted) {
    const line = lines.find((l) => l.id === want.orderItemId);
    if (!line) return { ok: false, code: "UNKNOWN_LINE", message: "이 주문에 없는 상품이에요." };
    if (!Number.isInteger(want.quantity) || want.quantity < 1 || want.quantity > unitsToShip(line)) {
      return { ok: false, code: "TOO_MANY_UNITS", message: `${line.productName}은(는) ${unitsToShip(line)}개까지 보낼 수 있어요.` };
    }
  }
  const [shipment] = await tx
    .insert(shipments)
    .values({ orderId: order.id, courier: tracking.courier.code, trackingNumber: tracking.trackingNumber, actor })
    .returning({ id: shipments.id });
  await tx.insert(shipmentItems).values(wanted.map((w) => ({ shipmentId: shipment!.id, orderItemId: w.orderItemId, quantity: w.quantity })));
  await tx.insert(orderEvents).values({
    orderId: order.id,
    type: "SHIPMENT_CREATED",
    message: `${tracking.courier.name}${tracking.trackingNumber ? ` ${tracking.trackingNumber}` : ""} 발송`,
    data: { shipmentId: shipment!.id, courier: tracking.courier.code, trackingNumber: tracking.trackingNumber, lines: wanted },
    actor,
  });
  const everythingSent = lines.every((l) => unitsToShip(l) - (wanted.find((w) => w.orderItemId === l.id)?.quantity ?? 0) === 0);
  let status: FulfillmentStatus = order.fulfillmentStatus;
  if (everythingSent) {
    const moved = await transitionFulfillment(tx, order, "SHIPPED", { type: "FULFILLMENT_SHIPPED", actor });
    status = moved?.fulfillmentStatus ?? status;
  }
  return { ok: true, outcome: "shipped", shipmentId: shipment!.id, fulfillmentStatus: status };
}

/**
 * Marks parcels delivered (by the owner, or by the sweeper DELIVERED_AFTER_DAYS after shipping);
 * an order whose every parcel arrived moves to 배송 완료. Parcels already delivered are left as
 * they were. Returns the orders that moved.
 */
export async function markDelivered(db: Database, shipmentIds: number[], actor: string, now = new Date()): Promise<string[]> {
  if (shipmentIds.length === 0) return [];
  return db.transaction(async (tx) => {
    const arrived = await tx
      .update(shipments)
      .set({ deliveredAt: now })
      .where(and(inArray(shipments.id, shipmentIds), isNull(shipments.deliveredAt)))
      .returning({ orderId: shipments.orderId });
    const orderDbIds = [...new Set(arrived.map((s) => s.orderId))];
    const moved: string[] = [];
    for (const id of orderDbIds) {
      const [order] = await tx.select().from(orders).where(eq(orders.id, id)).for("update");
      if (order?.fulfillmentStatus !== "SHIPPED") continue;
      const [open] = await tx.select({ n: sql<number>`count(*)::int` }).from(shipments).where(and(eq(shipments.orderId, id), isNull(shipments.deliveredAt)));
      if ((open?.n ?? 0) > 0) continue;
      const done = await transitionFulfillment(tx, order, "DELIVERED", { type: "FULFILLMENT_DELIVERED", actor }, { deliveredAt: now });
      if (done) moved.push(done.orderId);
    }
    return moved;
  });
}

/** Every parcel of these orders delivered: the owner's bulk 배송 완료 on the list. */
export async function markOrdersDelivered(db: Database, orderIds: string[], actor: string, now = new Date()): Promise<string[]> {
  if (orderIds.length === 0) return [];
  const rows = await db
    .select({ id: shipments.id })
    .from(shipments)
    .innerJoin(orders, eq(orders.id, shipments.orderId))
    .where(and(inArray(orders.orderId, orderIds), isNull(shipments.deliveredAt)));
  return markDelivered(db, rows.map((r) => r.id), actor, now);
}

/** 구매 확정, by the shopper on the order page or by the sweeper; once per order. */
export async function confirmPurchase(db: Database, orderId: string, actor: string, now = new Date()): Promise<{ ok: true; changed: boolean } | FulfillmentRefusal> {
  return db.transaction(async (tx: Transaction) => {
    const [order] = await tx.select().from(orders).where(eq(orders.orderId, orderId)).for("update").limit(1);
    if (!order) return { ok: false, code: "UNKNOWN_ORDER", message: "없는 주문이에요." };
    if (order.fulfillmentStatus === "PURCHASE_CONFIRMED") return { ok: true, changed: false };
    if (order.fulfillmentStatus !== "DELIVERED") return { ok: false, code: "NOT_DELIVERED", message: "배송이 끝난 뒤에 구매를 확정할 수 있어요." };
    const moved = await transitionFulfillment(tx, order, "PURCHASE_CONFIRMED", { type: "PURCHASE_CONFIRMED", actor }, { purchaseConfirmedAt: now });
    return { ok: true, changed: moved !== null };
  });
}

export type FulfillmentSweep = { delivered: number; confirmed: number };

/**
 * The sweeper's part: parcels shipped `deliveredAfterDays` ago count as delivered, and orders
 * delivered `confirmAfterDays` ago are confirmed. Each step is a conditional update, so servers
 * sweeping at once confirm each order once.
 */
export async function sweepFulfillment(db: Database, options: { deliveredAfterDays: number; confirmAfterDays: number; now?: Date; batch?: number }): Promise<FulfillmentSweep> {
  const now = options.now ?? new Date();
  const batch = options.batch ?? 200;
  const day = 24 * 60 * 60 * 1000;
  const due = await db
    .select({ id: shipments.id })
    .from(shipments)
    .where(and(isNull(shipments.deliveredAt), lt(shipments.shippedAt, new Date(now.getTime() - options.deliveredAfterDays * day))))
    .orderBy(shipments.shippedAt)
    .limit(batch);
  const delivered = await markDelivered(db, due.map((s) => s.id), "sweeper", now);
  const toConfirm = await db
    .select({ orderId: orders.orderId })
    .from(orders)
    .where(and(eq(orders.fulfillmentStatus, "DELIVERED"), lt(orders.deliveredAt, new Date(now.getTime() - options.confirmAfterDays * day))))
    .limit(batch);
  let confirmed = 0;
  for (const o of toConfirm) {
    const result = await confirmPurchase(db, o.orderId, "sweeper", now);
    if (result.ok && result.changed) confirmed += 1;
  }
  return { delivered: delivered.length, confirmed };
}

