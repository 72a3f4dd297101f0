import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { createCart, createProduct, validCheckoutForm } from "@/lib/testing/factories";
import { getCart, setBuyNowCart } from "./cart";
import { placeOrder } from "./orders/place-order";

describe("바로 구매", () => {
  it("checks out that product and quantity alone through placeOrder and leaves the shopper's cart as it was", async () => {
    const dishcloth = await createProduct({ price: 9_900, stock: 50 });
    const hallabong = await createProduct({ price: 32_000, stock: 20 });
    const cartId = await createCart([{ productId: dishcloth.id, quantity: 1 }]);

    const first = await setBuyNowCart(db, undefined, dishcloth.id, 3);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    // A second 바로 구매 replaces the line: one product, the quantity chosen now, same cart.
    expect(await setBuyNowCart(db, first.cartId, String(hallabong.id), "2")).toEqual({ ok: true, cartId: first.cartId });
    const buyNow = await getCart(db, first.cartId);
    expect(buyNow.lines.map((l) => [l.productId, l.quantity])).toEqual([[hallabong.id, 2]]);

    const placed = await placeOrder(db, first.cartId, validCheckoutForm);
    expect(placed.ok).toBe(true);
    if (!placed.ok) return;
    expect(placed.order.amount).toBe(64_000);
    const cart = await getCart(db, cartId);
    expect(cart.lines.map((l) => [l.productId, l.quantity])).toEqual([[dishcloth.id, 1]]);
  });

  it("refuses what cannot be sold without touching the cart it had", async () => {
    const tea = await createProduct({ stock: 2 });
    const first = await setBuyNowCart(db, undefined, tea.id, 1);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(await setBuyNowCart(db, first.cartId, tea.id, 3)).toMatchObject({ ok: false, message: expect.stringContaining("최대 2개") });
    expect(await setBuyNowCart(db, first.cartId, "x", 1)).toEqual({ ok: false, message: "알 수 없는 상품입니다" });
    expect((await getCart(db, first.cartId)).lines.map((l) => l.quantity)).toEqual([1]);
  });
});
