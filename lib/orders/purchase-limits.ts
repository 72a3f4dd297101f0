import { and, eq, gte, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { orderItems, orders, products, type Product } from "@/db/schema";
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

/**
 * 최대 구매 수량, checked in placeOrder's stock path right after a line's units are reserved:
 * the reservation holds the product's row lock, so two orders of one shopper for one product are
 * counted one after the other and cannot both pass. Counts the shopper's live orders of the
 * product placed since the owner set the limits (the sale). Returns the refusal, or null.
 */
export async function purchaseLimitRefusal(
  tx: Transaction,
  line: { productId: number; name: string; quantity: number },
  shopper: Shopper,
): Promise<string | null> {
  const [product] = await tx
    .select({ maxPerOrder: products.maxPerOrder, maxPerShopper: products.maxPerShopper, limitsSince: products.limitsSince })
    .from(products)
    .where(eq(products.id, line.productId));
  if (!product) return null;
  if (product.maxPerOrder !== null && line.quantity > product.maxPerOrder) {
    return `${line.name}은(는) 한 번에 ${product.maxPerOrder}개까지 살 수 있어요. 수량을 줄여 주세요`;
  }
  if (product.maxPerShopper === null) return null;
  const sameShopper: SQL[] = [eq(orders.cartId, shopper.cartId), eq(orders.customerPhone, shopper.phone)];
  if (shopper.clientAddress) sameShopper.push(eq(orders.clientAddress, shopper.clientAddress));
  const [bought] = await tx
    .select({ units: sql<number>`coalesce(sum(${orderItems.quantity}), 0)::int` })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .where(
      and(
        eq(orderItems.productId, line.productId),
        inArray(orders.status, [...HOLDS_OR_BOUGHT]),
        or(...sameShopper),
        product.limitsSince ? gte(orders.createdAt, product.limitsSince) : undefined,
      ),
    );
  const already = bought?.units ?? 0;
  if (already + line.quantity <= product.maxPerShopper) return null;
  const left = Math.max(0, product.maxPerShopper - already);
  return left === 0
    ? `${line.name}은(는) 1인 ${product.maxPerShopper}개까지 살 수 있어요. 이미 주문한 수량을 다 채웠어요`
    : `${line.name}은(는) 1인 ${product.maxPerShopper}개까지 살 수 있어요. ${left}개만 더 주문할 수 있어요`;
}
