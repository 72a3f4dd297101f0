import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { connection, db } from "@/db/client";
import { products } from "@/db/schema";
import { cacheTags } from "@/lib/cache-tags";
import { confirmOrderPayment } from "@/lib/orders/confirm";
import { placeOrder } from "@/lib/orders/place-order";
import type { AdminActor } from "@/lib/auth/actor";
import { refundOrder } from "@/lib/orders/refund";
import { findOrderByOrderId, transitionOrder } from "@/lib/orders/state";
import { createCart, createPendingOrder, createProduct, validCheckoutForm } from "@/lib/testing/factories";
import { startTestSandbox, type TestSandbox } from "@/lib/testing/sandbox";
import { adjustStock, createProduct as createProductAsOwner, updateProduct } from "./admin";
import * as stock from "./stock";

const owner: AdminActor = { email: "owner@jangteo.test", role: "owner" };

async function stockOf(productId: number): Promise<number> {
  const [row] = await db.select({ stock: products.stock }).from(products).where(eq(products.id, productId));
  return row!.stock;
}

// Next's page cache, as its server hands it to code that runs outside a request's scope: what the
// store expires reaches it, one call per committed transaction.
const expiries: { tags: string[]; transactionOpen: boolean }[] = [];
let transactionOpen = false;
const holder = globalThis as { __incrementalCache?: unknown };
beforeEach(() => {
  expiries.length = 0;
  holder.__incrementalCache = { revalidateTag: async (tags: string[]) => void expiries.push({ tags: [...tags].sort(), transactionOpen }) };
});
afterEach(() => {
  holder.__incrementalCache = undefined;
});
const expired = () => expiries.map((e) => e.tags);
const pagesOf = (slug: string) => [cacheTags.catalog, cacheTags.product(slug)].sort();

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox?.close());

describe("the stock module", () => {
  it("reserves only what an active product has, and says what it changed", async () => {
    const p = await createProduct({ stock: 3 });
    const taken = await db.transaction((tx) => stock.reserve(tx, p.id, 2));
    expect(taken).toEqual({ productId: p.id, slug: p.slug, before: 3, after: 1 });
    expect(await db.transaction((tx) => stock.reserve(tx, p.id, 2))).toBeNull();
    expect(await stockOf(p.id)).toBe(1);
    const inactive = await createProduct({ stock: 5, active: false });
    expect(await db.transaction((tx) => stock.reserve(tx, inactive.id, 1))).toBeNull();
    expect(await stockOf(inactive.id)).toBe(5);
  });

  it("adjusts by a delta never below zero, and sets a number only from the stock the owner saw", async () => {
    const p = await createProduct({ stock: 5 });
    expect(await db.transaction((tx) => stock.adjust(tx, p.id, { delta: -6 }))).toBeNull();
    expect(await db.transaction((tx) => stock.adjust(tx, p.id, { delta: -5 }))).toEqual({ productId: p.id, slug: p.slug, before: 5, after: 0 });
    expect(await db.transaction((tx) => stock.adjust(tx, p.id, { set: 9, expected: 5 }))).toBeNull();
    expect(await db.transaction((tx) => stock.adjust(tx, p.id, { set: 9, expected: 0 }))).toEqual({ productId: p.id, slug: p.slug, before: 0, after: 9 });
    expect(await db.transaction((tx) => stock.restock(tx, p.id, 2))).toEqual({ productId: p.id, slug: p.slug, before: 9, after: 11 });
    expect(await db.transaction((tx) => stock.adjust(tx, 2_000_000_000, { delta: 1 }))).toBeNull();
    expect(await stockOf(p.id)).toBe(11);
  });

  it("expires the pages of several changes once, after the commit, and nothing on a rollback", async () => {
    const a = await createProduct({ stock: 1 });
    const b = await createProduct({ stock: 2 });
    await db.transaction(async (tx) => {
      transactionOpen = true;
      await stock.reserve(tx, a.id, 1); // sold out
      await stock.reserve(tx, b.id, 1); // its low count moves
      await new Promise((resolve) => setTimeout(resolve, 100));
      transactionOpen = false;
    });
    expect(expiries).toEqual([{ tags: [cacheTags.catalog, cacheTags.product(a.slug), cacheTags.product(b.slug)].sort(), transactionOpen: false }]);

    expiries.length = 0;
    await expect(
      db.transaction(async (tx) => {
        await stock.restock(tx, a.id, 1);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(expiries).toEqual([]);
    expect(await stockOf(a.id)).toBe(0);
  });

  it("leaves every page cached when the shown stock does not change", async () => {
    const p = await createProduct({ stock: 50 });
    await db.transaction((tx) => stock.reserve(tx, p.id, 1));
    await db.transaction((tx) => stock.adjust(tx, p.id, { delta: 10 }));
    expect(expiries).toEqual([]);
  });

  it.skipIf(connection().kind !== "postgres")("never lets racing reservations and adjustments take stock below zero (PostgreSQL, 10 rounds)", async () => {
    for (let round = 0; round < 10; round++) {
      const p = await createProduct({ stock: 3 });
      const results = await Promise.all([
        ...Array.from({ length: 5 }, () => db.transaction((tx) => stock.reserve(tx, p.id, 1))),
        db.transaction((tx) => stock.adjust(tx, p.id, { delta: -2 })),
      ]);
      const taken = results.filter(Boolean).reduce((sum, change) => sum + (change!.before - change!.after), 0);
      expect(await stockOf(p.id), `round ${round}`).toBe(3 - taken);
      expect(await stockOf(p.id), `round ${round}`).toBeGreaterThanOrEqual(0);
    }
  });
});

describe("every stock change of the store expires the product's cached pages after its commit", () => {
  it("an order that takes the last units (reserve)", async () => {
    const p = await createProduct({ stock: 2 });
    const placed = await placeOrder(db, await createCart([{ productId: p.id, quantity: 2 }]), validCheckoutForm);
    expect(placed.ok).toBe(true);
    expect(expired()).toEqual([pagesOf(p.slug)]);
  });

  it("an order that gives its units back (release)", async () => {
    const { order, product } = await createPendingOrder({ quantity: 2, stock: 2 });
    const row = (await findOrderByOrderId(db, order.orderId))!;
    expiries.length = 0;
    await db.transaction((tx) => transitionOrder(tx, row, "EXPIRED", { type: "ORDER_EXPIRED", actor: "sweeper" }));
    expect(await stockOf(product.id)).toBe(2);
    expect(expired()).toEqual([pagesOf(product.slug)]);
  });

  it("a refund that puts the units back (restock)", async () => {
    const { order, product } = await createPendingOrder({ quantity: 2, stock: 2, price: 7_500 });
    const { paymentKey } = await sandbox.authorize({ orderId: order.orderId, amount: order.amount });
    await confirmOrderPayment(db, { paymentKey, orderId: order.orderId, amount: order.amount, paymentType: "NORMAL" }, { provider: sandbox.provider, waitMs: 10_000, pollMs: 20 });
    expiries.length = 0;
    const refunded = await refundOrder(db, owner, { orderId: order.orderId, idempotencyKey: `refund_${randomUUID()}`, reason: "고객 요청", expectedBalance: order.amount, amount: order.amount }, { provider: sandbox.provider });
    expect(refunded).toMatchObject({ ok: true, status: "DONE" });
    expect(await stockOf(product.id)).toBe(2);
    expect(expired()).toEqual([pagesOf(product.slug)]);
  });

  it("an owner's adjustment (adjust), and a product's own edits", async () => {
    const p = await createProduct({ stock: 4 });
    expect(await adjustStock(db, owner, p.id, { mode: "relative", delta: -4, reason: "파손" })).toMatchObject({ ok: true, product: { stock: 0 } });
    expect(expired()).toEqual([pagesOf(p.slug)]);

    expiries.length = 0;
    const slug = `edited-${randomUUID().slice(0, 8)}`;
    const created = await createProductAsOwner(db, owner, { name: "새 상품", slug, price: "1000", stock: "3", image: "/products/yuja-tea.svg" });
    expect(created.ok).toBe(true);
    await updateProduct(db, owner, created.ok ? created.product.id : 0, { name: "새 상품", slug: `${slug}-2`, price: "1000", image: "/products/yuja-tea.svg" });
    expect(expired()).toEqual([pagesOf(slug), [cacheTags.catalog, cacheTags.product(slug), cacheTags.product(`${slug}-2`)].sort()]);
  });
});
