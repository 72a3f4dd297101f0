import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { orderEvents, orderItems, orders, products } from "@/db/schema";
import { createCart, createProduct, validCheckoutForm } from "@/lib/testing/factories";
import { ORDER_ID_PATTERN } from "./order-id";
import { newOrderId, orderNameFor, placeOrder } from "./place-order";

// PGlite runs one transaction at a time, so races can only be shown on PostgreSQL.
const onPostgres = Boolean(process.env.DATABASE_URL);

async function warmPool() {
  await Promise.all(Array.from({ length: 10 }, () => db.transaction((tx) => tx.execute(sql`select 1`))));
}

async function stockOf(productId: number) {
  const [row] = await db.select({ stock: products.stock }).from(products).where(eq(products.id, productId));
  return row!.stock;
}

describe("orderId and orderName rules", () => {
  it("mints unguessable orderIds in Toss's alphabet", () => {
    const ids = new Set(Array.from({ length: 1000 }, newOrderId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(ORDER_ID_PATTERN);
  });

  it("names an order after its first line and counts the rest, within 100 characters", () => {
    expect(orderNameFor(["말차 라떼"])).toBe("말차 라떼");
    expect(orderNameFor(["말차 라떼", "약과", "유자차"])).toBe("말차 라떼 외 2건");
    const long = orderNameFor(["가".repeat(150), "나"]);
    expect(long.length).toBeLessThanOrEqual(100);
    expect(long.endsWith("… 외 1건")).toBe(true);
  });
});

describe("placeOrder", () => {
  it("computes the amount from current product prices, reserves stock and records the order", async () => {
    const tea = await createProduct({ price: 12_000, stock: 5, name: "보성 녹차" });
    const jar = await createProduct({ price: 68_000, stock: 3, name: "달항아리" });
    const cartId = await createCart([
      { productId: tea.id, quantity: 2 },
      { productId: jar.id, quantity: 1 },
    ]);
    // The price changes after the shopper filled the cart: the order uses the new one.
    await db.update(products).set({ price: 13_000 }).where(eq(products.id, tea.id));

    const result = await placeOrder(db, cartId, validCheckoutForm);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.order.amount).toBe(2 * 13_000 + 68_000);
    expect(result.order.orderName).toBe("보성 녹차 외 1건");
    expect(result.order.customerPhone).toBe("01012345678");
    expect(await stockOf(tea.id)).toBe(3);
    expect(await stockOf(jar.id)).toBe(2);

    const [order] = await db.select().from(orders).where(eq(orders.orderId, result.order.orderId));
    expect(order).toMatchObject({ status: "PENDING", amount: 94_000, cartId, customerEmail: "toss@example.com" });
    const items = await db.select().from(orderItems).where(eq(orderItems.orderId, order!.id));
    expect(items.map((i) => [i.productName, i.unitPrice, i.quantity, i.lineTotal])).toEqual([
      ["보성 녹차", 13_000, 2, 26_000],
      ["달항아리", 68_000, 1, 68_000],
    ]);
    const events = await db.select().from(orderEvents).where(eq(orderEvents.orderId, order!.id));
    expect(events.map((e) => e.type)).toEqual(["ORDER_PLACED"]);
  });

  it("refuses bad form input with a message per field and writes nothing", async () => {
    const product = await createProduct();
    const cartId = await createCart([{ productId: product.id, quantity: 1 }]);
    const before = await db.$count(orders);
    const result = await placeOrder(db, cartId, {
      ...validCheckoutForm,
      customerEmail: "not-an-email",
      customerPhone: "02-123-4567",
      postcode: "1234",
      customerName: "x".repeat(51),
    });
    expect(result).toMatchObject({ ok: false, code: "INVALID_FORM" });
    if (result.ok || result.code !== "INVALID_FORM") return;
    expect(Object.keys(result.fieldErrors).sort()).toEqual(["customerEmail", "customerName", "customerPhone", "postcode"]);
    expect(await db.$count(orders)).toBe(before);
    expect(await stockOf(product.id)).toBe(10);
  });

  it("refuses a missing or unknown cart, and an empty one", async () => {
    expect(await placeOrder(db, undefined, validCheckoutForm)).toMatchObject({ ok: false, code: "EMPTY_CART" });
    expect(await placeOrder(db, "not-a-uuid", validCheckoutForm)).toMatchObject({ ok: false, code: "EMPTY_CART" });
    expect(await placeOrder(db, await createCart([]), validCheckoutForm)).toMatchObject({ ok: false, code: "EMPTY_CART" });
  });

  it("names the product that ran out between cart and order, and reserves nothing", async () => {
    const plenty = await createProduct({ stock: 10 });
    const scarce = await createProduct({ stock: 1, name: "나전칠기 보석함" });
    const cartId = await createCart([
      { productId: plenty.id, quantity: 2 },
      { productId: scarce.id, quantity: 2 },
    ]);
    const result = await placeOrder(db, cartId, validCheckoutForm);
    expect(result).toMatchObject({ ok: false, code: "OUT_OF_STOCK", productName: "나전칠기 보석함" });
    expect(await stockOf(plenty.id)).toBe(10);
    expect(await stockOf(scarce.id)).toBe(1);
  });

  it("enforces the minimum amount", async () => {
    // A free item: any priced one would reach the minimum with the shipping fee.
    const cheap = await createProduct({ price: 0 });
    const result = await placeOrder(db, await createCart([{ productId: cheap.id, quantity: 1 }]), validCheckoutForm);
    expect(result).toMatchObject({ ok: false, code: "AMOUNT_TOO_LOW" });
  });

  it("gives back the stock of an earlier unpaid order from the same cart", async () => {
    const product = await createProduct({ stock: 1 });
    const cartId = await createCart([{ productId: product.id, quantity: 1 }]);
    const first = await placeOrder(db, cartId, validCheckoutForm);
    const second = await placeOrder(db, cartId, validCheckoutForm);
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    const [old] = await db.select().from(orders).where(eq(orders.orderId, first.order.orderId));
    expect(old!.status).toBe("FAILED");
    expect(await stockOf(product.id)).toBe(0);
  });

  it("sells the last units exactly once under 20 concurrent orders", async () => {
    const product = await createProduct({ stock: 5, name: "한정판 달항아리" });
    const carts = await Promise.all(Array.from({ length: 20 }, () => createCart([{ productId: product.id, quantity: 1 }])));
    const results = await Promise.all(carts.map((cartId) => placeOrder(db, cartId, validCheckoutForm)));
    const placed = results.filter((r) => r.ok);
    const refused = results.filter((r) => !r.ok);
    expect(placed).toHaveLength(5);
    expect(refused).toHaveLength(15);
    for (const r of refused) expect(r).toMatchObject({ code: "OUT_OF_STOCK", productName: "한정판 달항아리" });
    expect(await stockOf(product.id)).toBe(0);
  });

  it("refuses a new order while an order of the same cart is being confirmed, naming that order", async () => {
    const product = await createProduct({ stock: 5 });
    const cartId = await createCart([{ productId: product.id, quantity: 1 }]);
    const first = await placeOrder(db, cartId, validCheckoutForm);
    if (!first.ok) throw new Error(first.message);
    await db.update(orders).set({ status: "CONFIRMING" }).where(eq(orders.orderId, first.order.orderId));
    const second = await placeOrder(db, cartId, validCheckoutForm);
    expect(second).toMatchObject({ ok: false, code: "PREVIOUS_ORDER_CONFIRMING", orderId: first.order.orderId });
    if (second.ok) return;
    expect(second.message).toContain("이전 결제를 확인하고 있어요");
    expect(await db.$count(orders, eq(orders.cartId, cartId))).toBe(1);
    expect(await stockOf(product.id)).toBe(4);
  });

  it.skipIf(!onPostgres)("on PostgreSQL, 10 simultaneous orders from one cart leave one live order holding the units, 20 rounds", async () => {
    await warmPool();
    for (let round = 0; round < 20; round++) {
      const product = await createProduct({ stock: 10 });
      const cartId = await createCart([{ productId: product.id, quantity: 1 }]);
      const results = await Promise.all(Array.from({ length: 10 }, () => placeOrder(db, cartId, validCheckoutForm)));
      expect(results.some((r) => r.ok), `round ${round}`).toBe(true);
      expect(await db.$count(orders, and(eq(orders.cartId, cartId), eq(orders.status, "PENDING"))), `round ${round}`).toBe(1);
      expect(await stockOf(product.id), `round ${round}`).toBe(9);
    }
  }, 180_000);

  it.skipIf(!onPostgres)("on PostgreSQL, 50 shoppers for the last 5 units make exactly 5 orders, 20 rounds", async () => {
    await warmPool();
    for (let round = 0; round < 20; round++) {
      const product = await createProduct({ stock: 5 });
      const carts = await Promise.all(Array.from({ length: 50 }, () => createCart([{ productId: product.id, quantity: 1 }])));
      const results = await Promise.all(carts.map((cartId) => placeOrder(db, cartId, validCheckoutForm)));
      expect(results.filter((r) => r.ok), `round ${round}`).toHaveLength(5);
      expect(await stockOf(product.id), `round ${round}`).toBe(0);
    }
  }, 180_000);
});
