import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { orders } from "@/db/schema";
import { createPendingOrder } from "@/lib/testing/factories";
import { formatOrderNumber, normalizeOrderNumber, orderCodeFor } from "./order-number";

describe("order numbers", () => {
  it("are the Korean date and six symbols that cannot be misread", () => {
    // 2026-11-30 23:30 UTC is already Dec 1 in Korea.
    expect(formatOrderNumber(new Date("2026-11-30T23:30:00Z"), 1n)).toMatch(/^261201-[2-9A-HJKMNP-Z]{6}$/);
  });

  it("never repeat for different sequence values", () => {
    const codes = new Set(Array.from({ length: 20_000 }, (_, i) => orderCodeFor(BigInt(i + 1))));
    expect(codes.size).toBe(20_000);
  });

  it("accept what a shopper types: lower case, spaces, no dash", () => {
    expect(normalizeOrderNumber(" 261130 k7px3m ")).toBe("261130-K7PX3M");
    expect(normalizeOrderNumber("261130-K7PX3M")).toBe("261130-K7PX3M");
    expect(normalizeOrderNumber("261130-K7PX3O")).toBeNull();
    expect(normalizeOrderNumber("jt_abc")).toBeNull();
  });

  it("are stored on every placed order, distinct from the Toss orderId", async () => {
    const a = await createPendingOrder();
    const b = await createPendingOrder();
    const [rowA] = await db.select().from(orders).where(eq(orders.orderId, a.order.orderId));
    const [rowB] = await db.select().from(orders).where(eq(orders.orderId, b.order.orderId));
    expect(rowA!.orderNumber).toMatch(/^\d{6}-[2-9A-HJKMNP-Z]{6}$/);
    expect(rowB!.orderNumber).not.toBe(rowA!.orderNumber);
    expect(rowA!.orderNumber).not.toContain(a.order.orderId);
  });
});
