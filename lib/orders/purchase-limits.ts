import { and, eq, gte, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { orderItems, orders, type Product } from "@/db/schema";
import { HOLDS_OR_BOUGHT } from "./status-groups";


/** Who is buying: the same cart, phone number or client address counts as one shopper. */
export type Shopper = { cartId: string; phone: string; clientAddress: string | null };

export type PurchaseLimits = Pick<Product, "maxPerOrder" | "maxPerShopper">;

/** What the product page says about the limits, or null when the product has none. */
export function purchaseLimitText(limits: PurchaseLimits): string | null {
  const parts = [
    limits.maxPerOrder !== null ? `주문당 최대 ${limits.maxPerOrder}개` : null,
    limits.maxPerShopper !== null ? `1인 최대 ${limits.maxPerShopper}개` : null,
  ].filter((p) => p !== null);
  return parts.length > 0 ? `${parts.join(", ")}까지 살 수 있어요` : null;
}

/** The most a shopper may pick on the product page: the per-order limit, when there is one. */
export function orderableQuantity(limits: PurchaseLimits, selectable: number): number {
  return limits.maxPerOrder === null ? selectable : Math.min(selectable, limits.maxPerOrder);
}

/** A cart line with its product's limits, as placeOrder reads it. */
export type LimitedLine = { productId: number; name: string; quantity: number } & PurchaseLimits & Pick<Product, "limitsSince">;

/** 최대 구매 수량 per order: the line alone decides it, before any lock is taken. */
export function perOrderLimitRefusal(line: LimitedLine): string | null {
  if (line.maxPerOrder !== null && line.quantity > line.maxPerOrder) {
    return `${line.name}은(는) 한 번에 ${line.maxPerOrder}개까지 살 수 있어요. 수량을 줄여 주세요`;
  }
  return null;
}

/**
 * 최대 구매 수량 per shopper, checked in placeOrder's stock path right after a line's units are
 * reserved: the reservation holds the product's row lock, so two orders of one shopper for one
 * product are counted one after the other and cannot both pass. Counts the shopper's live orders
 * of the product placed since the owner set the limits (the sale), other than `placingOrderId`,
 * the order being placed. Returns the refusal, or null.
 */
export async function perShopperLimitRefusal(tx: Transaction, line: LimitedLine, shopper: Shopper, placingOrderId: number): Promise<string | null> {
  if (line.maxPerShopper === null) return null;
  const sameShopper: SQL[] = [eq(orders.cartId, shopper.cartId), eq(orders.customerPhone, shopper.phone)];
  if (shopper.clientAddress) sameShopper.push(eq(orders.clientAddress, shopper.clientAddress));
  const [bought] = await tx
    .select({ units: sql<number>`coalesce(sum(${orderItems.quantity}), 0)::int` })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .where(
      and(
        eq(orderItems.productId, line.productId),
        ne(orders.id, placingOrderId),
        inArray(orders.status, [...HOLDS_OR_BOUGHT]),
        or(...sameShopper),
        line.limitsSince ? gte(orders.createdAt, line.limitsSince) : undefined,
      ),
    );
  const already = bought?.units ?? 0;
  if (already + line.quantity <= line.maxPerShopper) return null;
  const left = Math.max(0, line.maxPerShopper - already);
  return left === 0
    ? `${line.name}은(는) 1인 ${line.maxPerShopper}개까지 살 수 있어요. 이미 주문한 수량을 다 채웠어요`
    : `${line.name}은(는) 1인 ${line.maxPerShopper}개까지 살 수 있어요. ${left}개만 더 주문할 수 있어요`;
}
