import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { orders, products } from "@/db/schema";
import { productInputSchema } from "@/lib/products/admin";
import { createCart, createProduct, validCheckoutForm } from "@/lib/testing/factories";
import { placeOrder } from "./place-order";
import { orderableQuantity, purchaseLimitText } from "./purchase-limits";

// PGlite runs one transaction at a time, so the race can only be shown on PostgreSQL.
const onPostgres = Boolean(process.env.DATABASE_URL);

async function stockOf(productId: number) {
  const [row] = await db.select({ stock: products.stock }).from(products).where(eq(products.id, productId));
  return row!.stock;
}

const asShopper = (phone: string) => ({ ...validCheckoutForm, customerPhone: phone });
const order = async (productId: number, quantity: number, phone: string, clientAddress: string | null = null) =>
  placeOrder(db, await createCart([{ productId, quantity }]), asShopper(phone), { clientAddress });

describe("최대 구매 수량 in placeOrder", () => {
  it("refuses an order above the per-order limit and reserves nothing", async () => {
    const product = await createProduct({ stock: 10, maxPerOrder: 2, name: "한정판 약과" });
    const refused = await order(product.id, 3, "010-1111-0001");
    expect(refused).toMatchObject({ ok: false, code: "PURCHASE_LIMIT", productName: "한정판 약과" });
    expect(!refused.ok && refused.message).toBe("한정판 약과은(는) 한 번에 2개까지 살 수 있어요. 수량을 줄여 주세요");
    expect(await stockOf(product.id)).toBe(10);
    expect(await db.$count(orders)).toBe(0);

    expect((await order(product.id, 2, "010-1111-0001")).ok).toBe(true);
    expect(await stockOf(product.id)).toBe(8);
  });

  it("counts one shopper's live orders by cart, phone number or client address", async () => {
    const product = await createProduct({ stock: 50, maxPerShopper: 2, limitsSince: new Date(Date.now() - 60_000), name: "타임딜 김" });
    expect((await order(product.id, 1, "010-2222-0001", "203.0.113.7")).ok).toBe(true);

    // Same phone, another cart and address: one more unit, not two.
    const samePhone = await order(product.id, 2, "010-2222-0001", "198.51.100.1");
    expect(samePhone).toMatchObject({ ok: false, code: "PURCHASE_LIMIT" });
    expect(!samePhone.ok && samePhone.message).toBe("타임딜 김은(는) 1인 2개까지 살 수 있어요. 1개만 더 주문할 수 있어요");
    // Same address, another phone: the same shopper too.
    expect(await order(product.id, 2, "010-2222-0002", "203.0.113.7")).toMatchObject({ ok: false, code: "PURCHASE_LIMIT" });
    // Same cart, another phone and no address: a new order from the cart supersedes the
    // unpaid one, so it counts once.
    const [first] = await db.select({ cartId: orders.cartId }).from(orders).limit(1);
    expect((await placeOrder(db, first!.cartId!, asShopper("010-2222-0003"))).ok).toBe(true);

    // Another shopper altogether buys their own two.
    expect((await order(product.id, 2, "010-2222-0009", "192.0.2.9")).ok).toBe(true);
    expect((await order(product.id, 1, "010-2222-0001", null)).ok).toBe(true);
    expect(await order(product.id, 1, "010-2222-0001", null)).toMatchObject({ ok: false, code: "PURCHASE_LIMIT" });
  });

  it("counts no failed or expired order, nor any placed before the limits were set", async () => {
    const product = await createProduct({ stock: 50, name: "설 선물 세트" });
    expect((await order(product.id, 3, "010-3333-0001")).ok).toBe(true);
    // The owner sets the limit now: the sale starts here.
    await db.update(products).set({ maxPerShopper: 1, limitsSince: sql`now()` }).where(eq(products.id, product.id));
    expect((await order(product.id, 1, "010-3333-0001")).ok).toBe(true);
    expect(await order(product.id, 1, "010-3333-0001")).toMatchObject({ ok: false, code: "PURCHASE_LIMIT" });

    await db.update(orders).set({ status: "EXPIRED" }).where(eq(orders.customerPhone, "01033330001"));
    expect((await order(product.id, 1, "010-3333-0001")).ok).toBe(true);
  });

  it.runIf(onPostgres)("lets one of two racing orders of one shopper through when one unit is left to them", async () => {
    const product = await createProduct({ stock: 100, maxPerShopper: 1, limitsSince: new Date(Date.now() - 60_000) });
    const carts = await Promise.all(Array.from({ length: 6 }, () => createCart([{ productId: product.id, quantity: 1 }])));
    const results = await Promise.all(carts.map((cartId) => placeOrder(db, cartId, asShopper("010-4444-0001"))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.code === "PURCHASE_LIMIT")).toHaveLength(5);
    expect(await stockOf(product.id)).toBe(99);
  });
});

describe("what the product page and the admin form do with the limits", () => {
  it("says them in words and caps the quantity picker at the per-order limit", () => {
    expect(purchaseLimitText({ maxPerOrder: null, maxPerShopper: null })).toBeNull();
    expect(purchaseLimitText({ maxPerOrder: 2, maxPerShopper: null })).toBe("주문당 최대 2개까지 살 수 있어요");
    expect(purchaseLimitText({ maxPerOrder: 2, maxPerShopper: 4 })).toBe("주문당 최대 2개, 1인 최대 4개까지 살 수 있어요");
    expect(orderableQuantity({ maxPerOrder: 2, maxPerShopper: null }, 10)).toBe(2);
    expect(orderableQuantity({ maxPerOrder: null, maxPerShopper: 1 }, 3)).toBe(3);
  });

  it("reads an empty field as no limit and refuses zero or a fraction with a Korean message", () => {
    const base = { name: "약과", slug: "yakgwa", price: 1000, stock: 1, image: "/products/yuja-tea.svg" };
    expect(productInputSchema.parse({ ...base, maxPerOrder: "", maxPerShopper: "3" })).toMatchObject({ maxPerOrder: null, maxPerShopper: 3 });
    expect(productInputSchema.parse(base)).toMatchObject({ maxPerOrder: null, maxPerShopper: null });
    const zero = productInputSchema.safeParse({ ...base, maxPerOrder: "0" });
    expect(zero.error?.issues[0]?.message).toBe("주문당 최대 구매 수량은 1개 이상이어야 해요");
    const fraction = productInputSchema.safeParse({ ...base, maxPerShopper: "1.5" });
    expect(fraction.error?.issues[0]?.message).toBe("1인 최대 구매 수량은 숫자로 입력해 주세요");
  });
});
