import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { orders } from "@/db/schema";
import { createPendingOrder } from "@/lib/testing/factories";
import { lookupGuestOrder } from "./guest-lookup";

async function numberOf(orderId: string) {
  const [row] = await db.select({ orderNumber: orders.orderNumber }).from(orders).where(eq(orders.orderId, orderId));
  return row!.orderNumber!;
}

describe("lookupGuestOrder", () => {
  it("finds the order by its number and the phone it was placed with, however they are typed", async () => {
    const { order } = await createPendingOrder();
    const orderNumber = await numberOf(order.orderId);
    expect(await lookupGuestOrder(db, { orderNumber, phone: "010-1234-5678" }, "198.51.100.1")).toEqual({ ok: true, orderId: order.orderId });
    expect(await lookupGuestOrder(db, { orderNumber: orderNumber.toLowerCase().replace("-", " "), phone: "01012345678" }, "198.51.100.1")).toEqual({
      ok: true,
      orderId: order.orderId,
    });
  });

  it("refuses a wrong phone and an unknown number alike", async () => {
    const { order } = await createPendingOrder();
    const orderNumber = await numberOf(order.orderId);
    const wrongPhone = await lookupGuestOrder(db, { orderNumber, phone: "010-9999-9999" }, "198.51.100.2");
    const unknown = await lookupGuestOrder(db, { orderNumber: "261130-ZZZZZZ", phone: "010-1234-5678" }, "198.51.100.2");
    expect(wrongPhone).toEqual({ ok: false, reason: "no-match" });
    expect(unknown).toEqual(wrongPhone);
  });

  it("says which field is malformed, and only that", async () => {
    expect(await lookupGuestOrder(db, { orderNumber: "abc", phone: "02-123-4567" }, "198.51.100.3")).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { orderNumber: expect.any(String), phone: expect.any(String) },
    });
    expect(await lookupGuestOrder(db, "not an object", "198.51.100.3")).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("stops guessing a phone after five misses on one order number, even with the right phone", async () => {
    const { order } = await createPendingOrder();
    const orderNumber = await numberOf(order.orderId);
    for (let i = 0; i < 5; i++) {
      const address = `203.0.113.${i}`;
      expect(await lookupGuestOrder(db, { orderNumber, phone: `010-0000-000${i}` }, address)).toEqual({ ok: false, reason: "no-match" });
    }
    expect(await lookupGuestOrder(db, { orderNumber, phone: "010-1234-5678" }, "203.0.113.99")).toMatchObject({ ok: false, reason: "limited" });
  });

  it("stops one address after thirty tries", async () => {
    for (let i = 0; i < 30; i++) {
      await lookupGuestOrder(db, { orderNumber: `261130-${"ABCDEFGHJK"[i % 10]}AAAA${"ABCDEFGHJK"[Math.floor(i / 10)]}`, phone: "010-1234-5678" }, "192.0.2.7");
    }
    expect(await lookupGuestOrder(db, { orderNumber: "261130-BBBBBB", phone: "010-1234-5678" }, "192.0.2.7")).toMatchObject({ ok: false, reason: "limited" });
  });
});
