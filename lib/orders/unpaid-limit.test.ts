import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { orders, products } from "@/db/schema";
import { createCart, createProduct, validCheckoutForm } from "@/lib/testing/factories";
import { placeOrder } from "./place-order";
import { takeUnpaidOrderSlot } from "./unpaid-limit";

/** What the checkout action does for one shopper at `address`. */
async function placeFrom(address: string, cartId: string, perHour: number) {
  const slot = await takeUnpaidOrderSlot(db, address, perHour);
  return slot.ok ? placeOrder(db, cartId, validCheckoutForm) : { ok: false as const, code: slot.code };
}

describe("unpaid orders per client address", () => {
  it("stops one address from reserving the last units with a stream of unpaid orders from fresh carts", async () => {
    const product = await createProduct({ stock: 3 });
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await placeFrom("203.0.113.50", await createCart([{ productId: product.id, quantity: 1 }]), 2));
    expect(results.map((r) => (r.ok ? "placed" : r.code))).toEqual(["placed", "placed", "TOO_MANY_ORDERS", "TOO_MANY_ORDERS", "TOO_MANY_ORDERS", "TOO_MANY_ORDERS"]);
    const [row] = await db.select({ stock: products.stock }).from(products).where(eq(products.id, product.id));
    expect(row!.stock).toBe(1);

    // Another shopper, at another address, still gets the last unit.
    const other = await placeFrom("198.51.100.8", await createCart([{ productId: product.id, quantity: 1 }]), 2);
    expect(other.ok).toBe(true);
    expect(await db.$count(orders, eq(orders.status, "PENDING"))).toBe(3);
  });

  it("tells the shopper what to do, and 0 means no limit", async () => {
    await takeUnpaidOrderSlot(db, "192.0.2.1", 1);
    const refused = await takeUnpaidOrderSlot(db, "192.0.2.1", 1);
    expect(refused).toMatchObject({ ok: false, code: "TOO_MANY_ORDERS" });
    if (!refused.ok) expect(refused.message).toMatch(/^결제하지 않은 주문이 너무 많아요\. 먼저 만든 주문을 결제하거나 \d+분 뒤에 다시 시도해 주세요$/);
    for (let i = 0; i < 5; i++) expect((await takeUnpaidOrderSlot(db, "192.0.2.2", 0)).ok).toBe(true);
  });
});
