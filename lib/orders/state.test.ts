import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { orderEvents, products } from "@/db/schema";
import { cacheTags } from "@/lib/cache-tags";
import { createPendingOrder } from "@/lib/testing/factories";
import { findOrderByOrderId, transitionOrder } from "./state";

// PGlite runs one transaction at a time, so races can only be shown on PostgreSQL.
const onPostgres = Boolean(process.env.DATABASE_URL);

async function stockOf(productId: number) {
  const [row] = await db.select({ stock: products.stock }).from(products).where(eq(products.id, productId));
  return row!.stock;
}

async function eventsOf(orderDbId: number) {
  return db.select().from(orderEvents).where(eq(orderEvents.orderId, orderDbId));
}

describe("transitionOrder", () => {
  it("moves the order, writes its event and gives back the reserved stock, in one go", async () => {
    const { order, product } = await createPendingOrder({ quantity: 3, stock: 10 });
    expect(await stockOf(product.id)).toBe(7);
    const row = (await findOrderByOrderId(db, order.orderId))!;
    const moved = await db.transaction((tx) => transitionOrder(tx, row, "EXPIRED", { type: "ORDER_EXPIRED", message: "만료", data: { minutes: 30 }, actor: "sweeper" }));
    expect(moved).toMatchObject({ status: "EXPIRED" });
    expect(await stockOf(product.id)).toBe(10);
    const events = await eventsOf(row.id);
    expect(events.at(-1)).toMatchObject({ type: "ORDER_EXPIRED", fromStatus: "PENDING", toStatus: "EXPIRED", message: "만료", data: { minutes: 30 }, actor: "sweeper" });
  });

  it("writes nothing when another request moved the order first", async () => {
    const { order, product } = await createPendingOrder({ quantity: 2, stock: 5 });
    const stale = (await findOrderByOrderId(db, order.orderId))!;
    expect(await db.transaction((tx) => transitionOrder(tx, stale, "CONFIRMING", { type: "CONFIRM_STARTED" }))).not.toBeNull();
    const eventsBefore = (await eventsOf(stale.id)).length;
    // The stale copy still says PENDING: its FAILED must not happen, nor its event, nor a release.
    expect(await db.transaction((tx) => transitionOrder(tx, stale, "FAILED", { type: "ORDER_FAILED" }))).toBeNull();
    expect((await findOrderByOrderId(db, order.orderId))!.status).toBe("CONFIRMING");
    expect((await eventsOf(stale.id)).length).toBe(eventsBefore);
    expect(await stockOf(product.id)).toBe(3);
  });

  it("lets exactly one of many simultaneous claims through", async () => {
    const { order } = await createPendingOrder();
    const row = (await findOrderByOrderId(db, order.orderId))!;
    const results = await Promise.all(Array.from({ length: 10 }, () => db.transaction((tx) => transitionOrder(tx, row, "CONFIRMING", { type: "CONFIRM_STARTED" }))));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await eventsOf(row.id)).filter((e) => e.type === "CONFIRM_STARTED")).toHaveLength(1);
  });

  it.skipIf(!onPostgres)("on PostgreSQL, of 10 simultaneous callers on a warm pool one writes its event and releases the stock once, 20 rounds", async () => {
    // Warm the pool: every connection open, so the callers really start together.
    await Promise.all(Array.from({ length: 10 }, () => db.transaction((tx) => tx.execute(sql`select 1`))));
    for (let round = 0; round < 20; round++) {
      const { order, product } = await createPendingOrder({ quantity: 2, stock: 10 });
      const row = (await findOrderByOrderId(db, order.orderId))!;
      const results = await Promise.all(
        Array.from({ length: 10 }, () => db.transaction((tx) => transitionOrder(tx, row, "EXPIRED", { type: "ORDER_EXPIRED", actor: "sweeper" }))),
      );
      expect(results.filter(Boolean), `round ${round}`).toHaveLength(1);
      expect((await eventsOf(row.id)).filter((e) => e.type === "ORDER_EXPIRED"), `round ${round}`).toHaveLength(1);
      expect(await stockOf(product.id), `round ${round}`).toBe(10);
    }
  }, 180_000);

  it("refuses a move the order states do not allow", async () => {
    const { order } = await createPendingOrder();
    const row = (await findOrderByOrderId(db, order.orderId))!;
    await expect(db.transaction((tx) => transitionOrder(tx, row, "PAID", { type: "X" }))).rejects.toThrow("PENDING → PAID");
  });

  describe("expiring the cached pages of released stock", () => {
    // Next's page cache, as its server hands it to code that runs outside a request's scope.
    const expiries: { tags: string[]; transactionOpen: boolean }[] = [];
    let transactionOpen = false;
    const holder = globalThis as { __incrementalCache?: unknown };
    beforeEach(() => {
      expiries.length = 0;
      holder.__incrementalCache = { revalidateTag: async (tags: string[]) => void expiries.push({ tags, transactionOpen }) };
    });
    afterEach(() => {
      holder.__incrementalCache = undefined;
    });
    const slowCommit = () => new Promise((resolve) => setTimeout(resolve, 200));

    it("waits until the release has committed", async () => {
      const { order, product } = await createPendingOrder({ quantity: 3, stock: 3 });
      const row = (await findOrderByOrderId(db, order.orderId))!;
      expect(expiries).toEqual([{ tags: [cacheTags.catalog, cacheTags.product(product.slug)], transactionOpen: false }]); // sold out by the order
      expiries.length = 0;
      await db.transaction(async (tx) => {
        transactionOpen = true;
        await transitionOrder(tx, row, "FAILED", { type: "PAYMENT_WINDOW_FAILED" });
        // A loaded server: a page rendered before the commit would read the stock as still 0.
        await slowCommit();
        transactionOpen = false;
      });
      expect(expiries).toEqual([{ tags: [cacheTags.catalog, cacheTags.product(product.slug)], transactionOpen: false }]);
      expect(await stockOf(product.id)).toBe(3);
    });

    it("expires nothing when the release rolls back", async () => {
      const { order, product } = await createPendingOrder({ quantity: 3, stock: 3 });
      const row = (await findOrderByOrderId(db, order.orderId))!;
      expiries.length = 0;
      await expect(
        db.transaction(async (tx) => {
          await transitionOrder(tx, row, "FAILED", { type: "PAYMENT_WINDOW_FAILED" });
          await slowCommit();
          throw new Error("rolled back");
        }),
      ).rejects.toThrow("rolled back");
      await slowCommit();
      expect(expiries).toEqual([]);
      expect(await stockOf(product.id)).toBe(0);
    });
  });
});

