import { asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { orderItems, orders, shipmentItems, shipments, type FulfillmentStatus } from "@/db/schema";
import { courierName, trackingLink } from "./couriers";
import { fulfillmentLabels } from "./state";

/** The shopper's step indicator: what a Korean shopper reads on every store's order page. */
export const SHOPPER_STEPS = ["결제 완료", "상품 준비 중", "배송 중", "배송 완료"] as const;

const STEP_OF: Record<FulfillmentStatus, number> = { NEW: 0, PREPARING: 1, SHIPPED: 2, DELIVERED: 3, PURCHASE_CONFIRMED: 3, CANCELED: -1 };

const HEADLINE: Record<FulfillmentStatus, string> = {
  NEW: "결제가 끝났어요. 곧 상품을 준비해 보내 드릴게요.",
  PREPARING: "상품을 준비하고 있어요.",
  SHIPPED: "상품이 출발했어요. 배송 조회로 어디쯤 왔는지 볼 수 있어요.",
  DELIVERED: "상품이 도착했어요. 받은 상품에 문제가 없으면 구매를 확정해 주세요.",
  PURCHASE_CONFIRMED: "구매를 확정했어요. 이용해 주셔서 고마워요.",
  CANCELED: "상품을 보내기 전에 주문이 취소되었어요.",
};

export type ParcelView = {
  id: number;
  courier: string;
  trackingNumber: string | null;
  trackingUrl: string | null;
  shippedAt: Date;
  deliveredAt: Date | null;
  lines: { name: string; quantity: number }[];
};

export type FulfillmentView = {
  status: FulfillmentStatus;
  label: string;
  headline: string;
  /** Index into SHOPPER_STEPS, or -1 when the fulfillment was cancelled. */
  step: number;
  parcels: ParcelView[];
  canConfirmPurchase: boolean;
  purchaseConfirmedAt: Date | null;
};

/** Where the goods of an order are, with its parcels, for the shopper's page and the admin; null before payment. */
export async function getFulfillmentView(database: Executor, orderId: string): Promise<FulfillmentView | null> {
  const [order] = await database
    .select({ id: orders.id, status: orders.fulfillmentStatus, purchaseConfirmedAt: orders.purchaseConfirmedAt })
    .from(orders)
    .where(eq(orders.orderId, orderId))
    .limit(1);
  if (!order?.status) return null;
  const parcels = await database.select().from(shipments).where(eq(shipments.orderId, order.id)).orderBy(asc(shipments.shippedAt), asc(shipments.id));
  const lines = parcels.length
    ? await database
        .select({ shipmentId: shipmentItems.shipmentId, name: orderItems.productName, quantity: shipmentItems.quantity })
        .from(shipmentItems)
        .innerJoin(orderItems, eq(orderItems.id, shipmentItems.orderItemId))
        .where(inArray(shipmentItems.shipmentId, parcels.map((p) => p.id)))
        .orderBy(asc(orderItems.id))
    : [];
  return {
    status: order.status,
    label: fulfillmentLabels[order.status],
    headline: HEADLINE[order.status],
    step: STEP_OF[order.status],
    canConfirmPurchase: order.status === "DELIVERED",
    purchaseConfirmedAt: order.purchaseConfirmedAt,
    parcels: parcels.map((p) => ({
      id: p.id,
      courier: courierName(p.courier),
      trackingNumber: p.trackingNumber,
      trackingUrl: trackingLink(p.courier, p.trackingNumber),
      shippedAt: p.shippedAt,
      deliveredAt: p.deliveredAt,
      lines: lines.filter((l) => l.shipmentId === p.id).map((l) => ({ name: l.name, quantity: l.quantity })),
    })),
  };
}
