import type { FulfillmentStatus, OrderStatus } from "@/db/schema";

/**
 * Every move a paid order's goods may make, and nothing else. Shipping straight from 신규 주문 is
 * allowed (a shop that packs as it ships skips 발주 확인); a full refund before shipping ends in 취소
 * (lib/orders/state.ts does that with the refund's own transition).
 */
export const fulfillmentTransitions: Record<FulfillmentStatus, readonly FulfillmentStatus[]> = {
  NEW: ["PREPARING", "SHIPPED", "CANCELED"],
  PREPARING: ["SHIPPED", "CANCELED"],
  SHIPPED: ["DELIVERED"],
  DELIVERED: ["PURCHASE_CONFIRMED"],
  PURCHASE_CONFIRMED: [],
  CANCELED: [],
};

export function canMoveFulfillment(from: FulfillmentStatus | null, to: FulfillmentStatus): boolean {
  return from !== null && fulfillmentTransitions[from].includes(to);
}

/** The owner's words (Naver Smart Store's), for lists, timelines and the shopper's step indicator. */
export const fulfillmentLabels: Record<FulfillmentStatus, string> = {
  NEW: "신규 주문",
  PREPARING: "발주 확인",
  SHIPPED: "배송 중",
  DELIVERED: "배송 완료",
  PURCHASE_CONFIRMED: "구매 확정",
  CANCELED: "취소",
};

/** Payment states in which the goods of an order may be packed and sent: paid, in full or in part. */
export const SHIPPABLE_PAYMENT: readonly OrderStatus[] = ["PAID", "PARTIAL_CANCELED"];

/** Units of a line still to be sent: ordered, less refunded, less already in a parcel. */
export function unitsToShip(line: { quantity: number; refundedQuantity: number; shippedQuantity: number }): number {
  return Math.max(0, line.quantity - line.refundedQuantity - line.shippedQuantity);
}
