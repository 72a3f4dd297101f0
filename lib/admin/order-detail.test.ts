import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { createPendingOrder } from "@/lib/testing/factories";
import { addOrderNote, getAdminOrder } from "./order-detail";

describe("the admin's order detail", () => {
  it("shows items, customer and the timeline, newest first, with an owner's note and its author", async () => {
    const { order } = await createPendingOrder({ price: 12_000, quantity: 2 });
    expect(await addOrderNote(db, order.orderId, "고객이 전화로 배송 문의", { email: "owner@example.com" })).toBe(true);
    const detail = await getAdminOrder(db, order.orderId);
    expect(detail?.order.amount).toBe(24_000);
    expect(detail?.items).toMatchObject([{ quantity: 2, lineTotal: 24_000 }]);
    expect(detail?.events[0]).toMatchObject({ type: "NOTE", message: "고객이 전화로 배송 문의", actor: "admin:owner@example.com" });
    expect(detail?.events.map((e) => e.type)).toContain("ORDER_PLACED");
    expect(detail?.payments).toEqual([]);
    expect(detail?.deliveries).toEqual([]);
  });

  it("finds nothing for an unknown or malformed orderId, and writes no note there", async () => {
    expect(await getAdminOrder(db, "no-such-order")).toBeNull();
    expect(await getAdminOrder(db, "../x")).toBeNull();
    expect(await addOrderNote(db, "no-such-order", "메모", { email: "owner@example.com" })).toBe(false);
  });
});
