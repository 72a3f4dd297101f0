import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { orders } from "@/db/schema";
import { createCart, createProduct, validCheckoutForm } from "@/lib/testing/factories";
import { placeOrder } from "./place-order";

// The test setup waives shipping for the other money-path tests; this file charges it.
process.env.SHIPPING_FEE = "3000";
process.env.FREE_SHIPPING_THRESHOLD = "30000";

describe("placeOrder charges shipping", () => {
  it("adds the fee under the free-shipping threshold and stores it on the order", async () => {
    const tea = await createProduct({ price: 9_900 });
    const result = await placeOrder(db, await createCart([{ productId: tea.id, quantity: 1 }]), validCheckoutForm);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.order.amount).toBe(12_900);
    const [order] = await db.select().from(orders).where(eq(orders.orderId, result.order.orderId));
    expect(order).toMatchObject({ amount: 12_900, shippingFee: 3_000 });
  });

  it("ships free from the threshold on", async () => {
    const jar = await createProduct({ price: 30_000 });
    const result = await placeOrder(db, await createCart([{ productId: jar.id, quantity: 1 }]), validCheckoutForm);
    expect(result.ok && result.order.amount).toBe(30_000);
  });
});
