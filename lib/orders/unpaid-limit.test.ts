import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { orders, products } from "@/db/schema";
import { createCart, createProduct, validCheckoutForm } from "@/lib/testing/factories";
import { placeOrder } from "./place-order";

/** What the checkout action does for one shopper at `address`. */
function placeFrom(address: string, cartId: string, limit: number) {
  return placeOrder(db, cartId, validCheckoutForm, { clientAddress: address, unpaidOrdersPerAddress: limit });
}

const outcome = (r: Awaited<ReturnType<typeof placeOrder>>) => (r.ok ? "placed" : r.code);

describe("unpaid orders per client address", () => {
  it("stops one address from reserving the last units with a stream of unpaid orders from fresh carts", async () => {
    const product = await createProduct({ stock: 3 });
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await placeFrom("203.0.113.50", await createCart([{ productId: product.id, quantity: 1 }]), 2));
    expect(results.map(outcome)).toEqual(["placed", "placed", "TOO_MANY_ORDERS", "TOO_MANY_ORDERS"]);
    const [row] = await db.select({ stock: products.stock }).from(products).where(eq(products.id, product.id));
    expect(row!.stock).toBe(1);

    // Another shopper, at another address, still gets the last unit.
    expect((await placeFrom("198.51.100.8", await createCart([{ productId: product.id, quantity: 1 }]), 2)).ok).toBe(true);
  });

  it("counts only unpaid orders still holding stock: paid, failed and expired attempts leave the address free", async () => {
    const product = await createProduct({ stock: 100 });
    const placed: string[] = [];
    for (let i = 0; i < 10; i++) {
      const result = await placeFrom("203.0.113.60", await createCart([{ productId: product.id, quantity: 1 }]), 2);
      expect(outcome(result)).toBe("placed");
      if (result.ok) placed.push(result.order.orderId);
      // Each attempt ends paid or failed (a declined card, a shopper who gave up) before the next.
      await db.update(orders).set({ status: i % 2 ? "PAID" : "FAILED" }).where(eq(orders.orderId, result.ok ? result.order.orderId : ""));
    }
    await db.update(orders).set({ status: "EXPIRED" }).where(inArray(orders.orderId, placed.slice(0, 1)));

    // Two open (one awaiting its deposit): the third is refused with the count and where to go.
    const first = await placeFrom("203.0.113.60", await createCart([{ productId: product.id, quantity: 1 }]), 2);
    const second = await placeFrom("203.0.113.60", await createCart([{ productId: product.id, quantity: 1 }]), 2);
    if (second.ok) await db.update(orders).set({ status: "WAITING_FOR_DEPOSIT" }).where(eq(orders.orderId, second.order.orderId));
    const refused = await placeFrom("203.0.113.60", await createCart([{ productId: product.id, quantity: 1 }]), 2);
    expect([first, second].map(outcome)).toEqual(["placed", "placed"]);
    expect(refused).toMatchObject({ ok: false, code: "TOO_MANY_ORDERS", orderUrl: "/orders/lookup" });
    if (!refused.ok) expect(refused.message).toMatch(/^이 인터넷 연결에서 결제를 마치지 않은 주문이 2건 있어 새 주문을 받을 수 없어요\. 입금 대기 중인 주문은 .*비회원 주문조회.*입금해 주세요\. 결제하지 않은 주문은 30분, 입금하지 않은 주문은 입금 기한이 지나면 저절로 취소돼요\.$/);

    // The deposit arrives: the slot is free again.
    if (second.ok) await db.update(orders).set({ status: "PAID" }).where(eq(orders.orderId, second.order.orderId));
    expect(outcome(await placeFrom("203.0.113.60", await createCart([{ productId: product.id, quantity: 1 }]), 2))).toBe("placed");
  });

  it("does not count the cart's own pending order, which placing again replaces; 0 means no limit", async () => {
    const product = await createProduct({ stock: 100 });
    const cartId = await createCart([{ productId: product.id, quantity: 1 }]);
    for (let i = 0; i < 3; i++) expect(outcome(await placeFrom("192.0.2.1", cartId, 1))).toBe("placed");
    for (let i = 0; i < 5; i++) expect(outcome(await placeFrom("192.0.2.2", await createCart([{ productId: product.id, quantity: 1 }]), 0))).toBe("placed");
  });

  it("racing placements from one address never pass the limit together", async () => {
    const product = await createProduct({ stock: 100 });
    const carts = await Promise.all(Array.from({ length: 6 }, () => createCart([{ productId: product.id, quantity: 1 }])));
    const results = await Promise.all(carts.map((cartId) => placeFrom("203.0.113.70", cartId, 2)));
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(results.filter((r) => !r.ok).map(outcome)).toEqual(Array(4).fill("TOO_MANY_ORDERS"));
  });
});
