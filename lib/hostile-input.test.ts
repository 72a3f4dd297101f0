import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { cartItems, orders, products } from "@/db/schema";
import { hostileActionArguments, hostileStrings } from "@/e2e/hostile-inputs";
import { isStorableText } from "@/lib/input";
import { addToCart, getCart, removeFromCart, setCartQuantity } from "@/lib/cart";
import { getProductBySlug } from "@/lib/catalog";
import { checkoutFormSchema } from "@/lib/orders/checkout-form";
import { placeOrder } from "@/lib/orders/place-order";
import { getOrderStatus, getOrderView } from "@/lib/orders/view";
import { createCart, createProduct, validCheckoutForm } from "@/lib/testing/factories";

// The same corpus as the HTTP fuzz (e2e/hostile-input.spec.ts), on the database directly: the
// HTTP run can read rows only on PostgreSQL, this one reads them on both databases.

const FIELDS = Object.keys(validCheckoutForm) as (keyof typeof validCheckoutForm)[];

describe("hostile input against the store's lib", () => {
  it("checkout forms: NUL and lone surrogates get a message in the form; every stored order passes the form rule", async () => {
    const product = await createProduct({ price: 10_000, stock: 1_000 });
    const cartId = await createCart([{ productId: product.id, quantity: 1 }]);
    for (const field of FIELDS) {
      for (const value of hostileStrings) {
        const result = await placeOrder(db, cartId, { ...validCheckoutForm, [field]: value });
        if (!isStorableText(value)) {
          expect(result, `${field}=${JSON.stringify(value.slice(0, 20))}`).toMatchObject({ ok: false, code: "INVALID_FORM" });
          if (!result.ok && result.code === "INVALID_FORM") expect(result.fieldErrors[field]).toBeTruthy();
        }
      }
      for (const value of hostileActionArguments.filter((v) => typeof v !== "string")) {
        const result = await placeOrder(db, cartId, { ...validCheckoutForm, [field]: value });
        expect(result.ok).toBe(false);
      }
    }
    for (const form of [undefined, null, "x", 1, [], {}]) expect((await placeOrder(db, cartId, form)).ok).toBe(false);

    const stored = await db.select().from(orders);
    expect(stored.length).toBeGreaterThan(0);
    for (const o of stored) {
      const form = {
        customerName: o.customerName,
        customerEmail: o.customerEmail,
        customerPhone: o.customerPhone,
        postcode: o.postcode,
        address: o.address,
        addressDetail: o.addressDetail,
        deliveryMemo: o.deliveryMemo,
      };
      expect(checkoutFormSchema.safeParse(form).success, JSON.stringify(form).slice(0, 200)).toBe(true);
    }
    // Every placement superseded the one before it: one unit reserved, not hundreds.
    const [row] = await db.select({ stock: products.stock }).from(products).where(eq(products.id, product.id));
    expect(row!.stock).toBe(999);
  });

  it("cart changes: wrong arguments are refused and no line leaves 1…99", async () => {
    const product = await createProduct({ stock: 50 });
    const cartId = await createCart([{ productId: product.id, quantity: 1 }]);
    for (const value of hostileActionArguments) {
      for (const [productId, quantity] of [[value, 1], [product.id, value]] as const) {
        await addToCart(db, cartId, productId, quantity);
        await setCartQuantity(db, cartId, productId, quantity);
      }
      await removeFromCart(db, cartId, value);
    }
    const bad = await db.select().from(cartItems).where(sql`${cartItems.quantity} < 1 or ${cartItems.quantity} > 99`);
    expect(bad).toEqual([]);
    const cart = await getCart(db, cartId);
    for (const line of cart.lines) expect(line.quantity).toBeLessThanOrEqual(product.stock);
  });

  it("pages with parameters: a slug or order id from the URL is looked up safely or not at all", async () => {
    for (const value of hostileStrings) {
      await expect(getOrderView(db, value)).resolves.toBeNull();
      await expect(getOrderStatus(db, value)).resolves.toBeNull();
    }
  });
});

describe("the product page's lookup", () => {
  it("answers null for a slug the database could not store, instead of an error", async () => {
    for (const value of ["\u0000", "a\u0000b", "\uD800", "x".repeat(1_000)]) await expect(getProductBySlug(value)).resolves.toBeNull();
  });
});
