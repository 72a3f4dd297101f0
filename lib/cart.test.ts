import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { cartItems, carts } from "@/db/schema";
import { createCart, createPendingOrder, createProduct } from "@/lib/testing/factories";
import { findOrderByOrderId } from "@/lib/orders/state";

// PGlite runs one transaction at a time, so races can only be shown on PostgreSQL.
const onPostgres = Boolean(process.env.DATABASE_URL);
import { addToCart, removeBoughtFromCart, getCart, getCartItemCount, getCartPageData, removeFromCart, setCartQuantity } from "./cart";

describe("cart", () => {
  it("is created on the first add and prices lines from the products table", async () => {
    const tea = await createProduct({ price: 12_000, stock: 10 });
    const jar = await createProduct({ price: 68_000, stock: 3 });
    const first = await addToCart(db, undefined, tea.id, 2);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(await addToCart(db, first.cartId, String(jar.id), "1")).toEqual({ ok: true, cartId: first.cartId });
    expect(await addToCart(db, first.cartId, tea.id, 1)).toEqual({ ok: true, cartId: first.cartId });

    const cart = await getCart(db, first.cartId);
    expect(cart.lines.map((l) => [l.productId, l.quantity, l.lineTotal])).toEqual([
      [tea.id, 3, 36_000],
      [jar.id, 1, 68_000],
    ]);
    expect(cart.total).toBe(104_000);
    expect(await getCartItemCount(db, first.cartId)).toBe(4);
  });

  it("never holds more than the stock, and never a sold-out or inactive product", async () => {
    const scarce = await createProduct({ stock: 2, name: "달항아리" });
    const soldOut = await createProduct({ stock: 0, name: "간고등어" });
    const hidden = await createProduct({ stock: 5, active: false });
    const added = await addToCart(db, undefined, scarce.id, 2);
    if (!added.ok) throw new Error(added.message);
    expect(await addToCart(db, added.cartId, scarce.id, 1)).toEqual({ ok: false, message: "달항아리: 최대 2개까지 주문할 수 있습니다" });
    expect(await setCartQuantity(db, added.cartId, scarce.id, 3)).toMatchObject({ ok: false });
    expect(await addToCart(db, added.cartId, soldOut.id, 1)).toEqual({ ok: false, message: "간고등어: 품절되었습니다" });
    expect(await addToCart(db, added.cartId, hidden.id, 1)).toMatchObject({ ok: false, message: "판매하지 않는 상품입니다" });
    expect((await getCart(db, added.cartId)).itemCount).toBe(2);
  });

  it("rejects tampered arguments with a clear message and creates nothing", async () => {
    const product = await createProduct();
    const before = await db.$count(carts);
    for (const quantity of [0, -1, 1.5, "abc", "1e3", null, 100]) {
      const result = await addToCart(db, undefined, product.id, quantity);
      expect(result, `quantity ${String(quantity)}`).toMatchObject({ ok: false });
    }
    for (const productId of [999_999, -1, "x".repeat(10_000), 3.5, { id: 1 }]) {
      expect(await addToCart(db, undefined, productId, 1)).toMatchObject({ ok: false, message: expect.any(String) });
    }
    expect(await db.$count(carts)).toBe(before);
  });

  it("treats a missing, malformed or unknown cart cookie as an empty cart", async () => {
    const product = await createProduct();
    expect(await getCart(db, undefined)).toMatchObject({ lines: [], total: 0 });
    expect(await getCart(db, "'; drop table carts; --")).toMatchObject({ lines: [], total: 0 });
    expect(await setCartQuantity(db, undefined, product.id, 1)).toMatchObject({ ok: false });
    expect(await removeFromCart(db, "not-a-uuid", product.id)).toMatchObject({ ok: false });
    // An unknown (expired) cart id starts a new cart on the next add.
    const added = await addToCart(db, "00000000-0000-4000-8000-000000000000", product.id, 1);
    expect(added.ok).toBe(true);
    if (added.ok) expect(added.cartId).not.toBe("00000000-0000-4000-8000-000000000000");
  });

  it("answers the cart page with its lines at today's price and stock, and the shipping rule", async () => {
    const tea = await createProduct({ price: 12_000, stock: 10 });
    const cartId = await createCart([{ productId: tea.id, quantity: 2 }]);
    await db.execute(sql`update products set price = 13000, stock = 1 where id = ${tea.id}`);
    const rule = { fee: 3_000, freeThreshold: 30_000 };
    const data = await getCartPageData(db, cartId, rule);
    expect(data.shipping).toEqual(rule);
    expect(data.lines).toEqual([expect.objectContaining({ productId: tea.id, unitPrice: 13_000, quantity: 2, lineTotal: 26_000, stock: 1, available: false })]);
    // What the browser receives is plain JSON: it reads the same back.
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    expect(await getCartPageData(db, "not-a-cart", rule)).toEqual({ lines: [], shipping: rule });
  });

  it("changes and removes lines", async () => {
    const product = await createProduct({ stock: 10, price: 9_900 });
    const added = await addToCart(db, undefined, product.id, 1);
    if (!added.ok) throw new Error(added.message);
    await setCartQuantity(db, added.cartId, product.id, 5);
    expect((await getCart(db, added.cartId)).total).toBe(49_500);
    await removeFromCart(db, added.cartId, product.id);
    expect((await getCart(db, added.cartId)).lines).toEqual([]);
  });

  it.skipIf(!onPostgres)("on PostgreSQL, 12 parallel adds of 40 never make a line above the stock or the cap, 20 rounds", async () => {
    await Promise.all(Array.from({ length: 10 }, () => db.transaction((tx) => tx.execute(sql`select 1`))));
    for (let round = 0; round < 20; round++) {
      const product = await createProduct({ stock: 60 });
      const cartId = await createCart([]);
      const results = await Promise.all(Array.from({ length: 12 }, () => addToCart(db, cartId, product.id, 40)));
      expect(results.filter((r) => r.ok), `round ${round}`).toHaveLength(1);
      const [line] = await db.select().from(cartItems).where(and(eq(cartItems.cartId, cartId), eq(cartItems.productId, product.id)));
      expect(line!.quantity, `round ${round}`).toBe(40);
    }
  }, 180_000);

  it("paying removes from the cart only what the order bought", async () => {
    const { order, product, cartId } = await createPendingOrder({ quantity: 2, stock: 10 });
    const later = await createProduct({ stock: 10 });
    expect((await addToCart(db, cartId, later.id, 1)).ok).toBe(true);
    expect((await addToCart(db, cartId, product.id, 1)).ok).toBe(true); // 3 of the product now, 2 bought
    const row = (await findOrderByOrderId(db, order.orderId))!;
    await removeBoughtFromCart(db, cartId, row.id);
    const lines = await db.select().from(cartItems).where(eq(cartItems.cartId, cartId));
    expect(lines.map((l) => [l.productId, l.quantity]).sort()).toEqual([[product.id, 1], [later.id, 1]].sort());
  });
});
