import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { orderEvents, shipments } from "@/db/schema";
import { findOrderByOrderId, transitionOrder } from "@/lib/orders/state";
import { createPaidOrder, createPendingOrder } from "@/lib/testing/factories";
import { readSheet } from "read-excel-file/node";
import { checkTracking, trackingLink } from "./couriers";
import { SHIPPING_LIST_COLUMNS, shippingListRows, shippingListXlsx } from "./shipping-list";
import { acceptOrders, confirmPurchase, linesWithShipped, markDelivered, markOrdersDelivered, shipOrder, sweepFulfillment } from "./shipping";

// PGlite runs one transaction at a time, so races can only be shown on PostgreSQL.
const onPostgres = Boolean(process.env.DATABASE_URL);
const OWNER = "admin:owner@example.com";
const DAY = 24 * 60 * 60 * 1000;

async function fulfillmentOf(orderId: string) {
  return (await findOrderByOrderId(db, orderId))!.fulfillmentStatus;
}
async function eventTypes(orderId: string) {
  const order = (await findOrderByOrderId(db, orderId))!;
  return (await db.select({ type: orderEvents.type }).from(orderEvents).where(eq(orderEvents.orderId, order.id)).orderBy(orderEvents.id)).map((e) => e.type);
}
const cjNumber = () => String(Math.floor(Math.random() * 1e12)).padStart(12, "1");

describe("couriers", () => {
  it("takes a number as owners type it, refuses one of the wrong shape, and 직접 전달 takes none", () => {
    expect(checkTracking("CJ대한통운", "1234-5678-9012")).toMatchObject({ ok: true, trackingNumber: "123456789012" });
    expect(checkTracking("cj", "1234567890")).toMatchObject({ ok: true, courier: { name: "CJ대한통운" } });
    expect(checkTracking("우체국택배", "12345")).toEqual({ ok: false, message: "우체국택배 송장번호 형식이 아니에요: 12345" });
    expect(checkTracking("CJ대한통운", "")).toEqual({ ok: false, message: "CJ대한통운 송장번호를 입력해 주세요." });
    expect(checkTracking("직접 전달", "")).toMatchObject({ ok: true, trackingNumber: null });
    expect(checkTracking("DHL", "1")).toMatchObject({ ok: false });
    expect(trackingLink("EPOST", "1234567890123")).toBe("https://service.epost.go.kr/trace.RetrieveDomRigiTraceList.comm?sid1=1234567890123");
    expect(trackingLink("DIRECT", null)).toBeNull();
  });
});

describe("fulfillment", () => {
  it("a paid order is a 신규 주문; an unpaid one has no fulfillment and cannot ship", async () => {
    const paid = await createPaidOrder();
    expect(await fulfillmentOf(paid.order.orderId)).toBe("NEW");
    const unpaid = await createPendingOrder();
    expect(await fulfillmentOf(unpaid.order.orderId)).toBeNull();
    expect(await shipOrder(db, { orderId: unpaid.order.orderId, courier: "CJ", trackingNumber: cjNumber() }, OWNER)).toMatchObject({ ok: false, code: "NOT_PAID" });
    expect(await db.$count(shipments, eq(shipments.orderId, (await findOrderByOrderId(db, unpaid.order.orderId))!.id))).toBe(0);
  });

  it("발주 확인 in bulk accepts each 신규 주문 once and says why the others were left", async () => {
    const a = await createPaidOrder();
    const b = await createPaidOrder();
    const unpaid = await createPendingOrder();
    const first = await acceptOrders(db, [a.order.orderId, b.order.orderId, unpaid.order.orderId, "jt_nope"], OWNER);
    expect(first.accepted.sort()).toEqual([a.order.orderId, b.order.orderId].sort());
    expect(first.refused).toEqual([
      { orderId: unpaid.order.orderId, message: "결제되지 않은 주문이에요." },
      { orderId: "jt_nope", message: "없는 주문이에요." },
    ]);
    const again = await acceptOrders(db, [a.order.orderId], OWNER);
    expect(again).toEqual({ accepted: [], refused: [{ orderId: a.order.orderId, message: "이미 발주 확인 상태예요." }] });
    expect((await eventTypes(a.order.orderId)).filter((t) => t === "FULFILLMENT_ACCEPTED")).toHaveLength(1);
  });

  it("ships in parcels: the order is 배송 중 once every unit is in one, and the same number again changes nothing", async () => {
    const { order } = await createPaidOrder({ quantity: 3 });
    await acceptOrders(db, [order.orderId], OWNER);
    const [line] = await linesWithShipped(db, (await findOrderByOrderId(db, order.orderId))!.id);
    const first = cjNumber();
    expect(await shipOrder(db, { orderId: order.orderId, courier: "CJ", trackingNumber: first, lines: [{ orderItemId: line!.id, quantity: 1 }] }, OWNER)).toMatchObject({ ok: true, outcome: "shipped", fulfillmentStatus: "PREPARING" });
    expect(await shipOrder(db, { orderId: order.orderId, courier: "CJ", trackingNumber: cjNumber(), lines: [{ orderItemId: line!.id, quantity: 3 }] }, OWNER)).toEqual({
      ok: false,
      code: "TOO_MANY_UNITS",
      message: `${line!.productName}은(는) 2개까지 보낼 수 있어요.`,
    });
    const second = await shipOrder(db, { orderId: order.orderId, courier: "롯데택배", trackingNumber: "123456789012" }, OWNER);
    expect(second).toMatchObject({ ok: true, outcome: "shipped", fulfillmentStatus: "SHIPPED" });
    expect(await shipOrder(db, { orderId: order.orderId, courier: "CJ", trackingNumber: first }, OWNER)).toMatchObject({ ok: true, outcome: "already" });
    const other = await createPaidOrder();
    expect(await shipOrder(db, { orderId: other.order.orderId, courier: "CJ", trackingNumber: first }, OWNER)).toMatchObject({ ok: false, code: "TRACKING_IN_USE" });
    expect(await shipOrder(db, { orderId: order.orderId, courier: "CJ", trackingNumber: cjNumber() }, OWNER)).toMatchObject({ ok: false, code: "ALREADY_SHIPPED" });
    expect((await linesWithShipped(db, (await findOrderByOrderId(db, order.orderId))!.id))[0]!.shippedQuantity).toBe(3);
  });

  it("a full refund before shipping ends the fulfillment as 취소; after shipping it leaves the parcel be", async () => {
    const before = await createPaidOrder();
    await acceptOrders(db, [before.order.orderId], OWNER);
    const row = (await findOrderByOrderId(db, before.order.orderId))!;
    await db.transaction((tx) => transitionOrder(tx, row, "CANCELED", { type: "TEST_REFUND" }));
    expect(await fulfillmentOf(before.order.orderId)).toBe("CANCELED");
    expect(await shipOrder(db, { orderId: before.order.orderId, courier: "CJ", trackingNumber: cjNumber() }, OWNER)).toMatchObject({ ok: false, code: "NOT_PAID" });

    const after = await createPaidOrder();
    await shipOrder(db, { orderId: after.order.orderId, courier: "CJ", trackingNumber: cjNumber() }, OWNER);
    const shipped = (await findOrderByOrderId(db, after.order.orderId))!;
    await db.transaction((tx) => transitionOrder(tx, shipped, "CANCELED", { type: "TEST_REFUND" }));
    expect(await fulfillmentOf(after.order.orderId)).toBe("SHIPPED");
  });

  it("배송 완료 waits for every parcel; 구매 확정 follows, once", async () => {
    const { order } = await createPaidOrder({ quantity: 2 });
    const row = (await findOrderByOrderId(db, order.orderId))!;
    const [line] = await linesWithShipped(db, row.id);
    const one = await shipOrder(db, { orderId: order.orderId, courier: "CJ", trackingNumber: cjNumber(), lines: [{ orderItemId: line!.id, quantity: 1 }] }, OWNER);
    const two = await shipOrder(db, { orderId: order.orderId, courier: "직접 전달" }, OWNER);
    expect(await confirmPurchase(db, order.orderId, "shopper")).toMatchObject({ ok: false, code: "NOT_DELIVERED" });
    expect(await markDelivered(db, [one.ok ? one.shipmentId : 0], OWNER)).toEqual([]);
    expect(await fulfillmentOf(order.orderId)).toBe("SHIPPED");
    expect(await markOrdersDelivered(db, [order.orderId], OWNER)).toEqual([order.orderId]);
    expect(two.ok && (await fulfillmentOf(order.orderId))).toBe("DELIVERED");
    expect(await confirmPurchase(db, order.orderId, "shopper")).toEqual({ ok: true, changed: true });
    expect(await confirmPurchase(db, order.orderId, "shopper")).toEqual({ ok: true, changed: false });
    expect((await eventTypes(order.orderId)).filter((t) => t === "PURCHASE_CONFIRMED")).toHaveLength(1);
  });

  it("the sweeper counts a parcel delivered after DELIVERED_AFTER_DAYS and confirms the purchase after PURCHASE_CONFIRM_AFTER_DAYS", async () => {
    const { order } = await createPaidOrder();
    await shipOrder(db, { orderId: order.orderId, courier: "CJ", trackingNumber: cjNumber() }, OWNER);
    const options = { deliveredAfterDays: 3, confirmAfterDays: 8 };
    const now = Date.now();
    await sweepFulfillment(db, { ...options, now: new Date(now + 2 * DAY) });
    expect(await fulfillmentOf(order.orderId)).toBe("SHIPPED");
    await sweepFulfillment(db, { ...options, now: new Date(now + 3 * DAY + 60_000) });
    expect(await fulfillmentOf(order.orderId)).toBe("DELIVERED");
    await sweepFulfillment(db, { ...options, now: new Date(now + 10 * DAY) });
    expect(await fulfillmentOf(order.orderId)).toBe("DELIVERED");
    await sweepFulfillment(db, { ...options, now: new Date(now + 12 * DAY) });
    expect(await fulfillmentOf(order.orderId)).toBe("PURCHASE_CONFIRMED");
    const actors = await db.select({ actor: orderEvents.actor }).from(orderEvents).where(and(eq(orderEvents.orderId, (await findOrderByOrderId(db, order.orderId))!.id), eq(orderEvents.type, "PURCHASE_CONFIRMED")));
    expect(actors).toEqual([{ actor: "sweeper" }]);
  });

  it.skipIf(!onPostgres)("on PostgreSQL, two staff shipping one order at once make one parcel, 10 rounds", async () => {
    for (let round = 0; round < 10; round += 1) {
      const { order } = await createPaidOrder();
      const results = await Promise.all([
        shipOrder(db, { orderId: order.orderId, courier: "CJ", trackingNumber: cjNumber() }, "admin:a@example.com"),
        shipOrder(db, { orderId: order.orderId, courier: "LOGEN", trackingNumber: "12345678901" }, "admin:b@example.com"),
      ]);
      expect(results.filter((r) => r.ok).length).toBe(1);
      expect(results.find((r) => !r.ok)).toMatchObject({ code: "ALREADY_SHIPPED" });
      const id = (await findOrderByOrderId(db, order.orderId))!.id;
      expect(await db.$count(shipments, eq(shipments.orderId, id))).toBe(1);
      await db.delete(shipments).where(eq(shipments.orderId, id));
    }
  });

  it.skipIf(!onPostgres)("on PostgreSQL, servers sweeping at once confirm each purchase once, 5 rounds", async () => {
    for (let round = 0; round < 5; round += 1) {
      const { order } = await createPaidOrder();
      await shipOrder(db, { orderId: order.orderId, courier: "직접 전달" }, OWNER);
      await markOrdersDelivered(db, [order.orderId], OWNER, new Date(Date.now() - 9 * DAY));
      const sweeps = await Promise.all([1, 2, 3].map(() => sweepFulfillment(db, { deliveredAfterDays: 3, confirmAfterDays: 8 })));
      expect(sweeps.reduce((n, s) => n + s.confirmed, 0)).toBeGreaterThanOrEqual(1);
      expect((await eventTypes(order.orderId)).filter((t) => t === "PURCHASE_CONFIRMED")).toHaveLength(1);
    }
  });
});


describe("발송 목록", () => {
  it("lists each line still to send as text cells, and leaves out what is shipped or refunded", async () => {
    const { order } = await createPaidOrder({ quantity: 2 });
    const row = (await findOrderByOrderId(db, order.orderId))!;
    const mine = (rows: Awaited<ReturnType<typeof shippingListRows>>) => rows.filter((r) => r.주문번호 === row.orderNumber);
    expect(mine(await shippingListRows(db, { orderIds: [order.orderId] }))).toEqual([
      { 주문번호: row.orderNumber, "받는 분": "김토스", 연락처: "010-1234-5678", 우편번호: "06236", 주소: "서울특별시 강남구 테헤란로 131", "상세 주소": "15층", "배송 메모": "문 앞에 놓아 주세요", 상품: expect.any(String), 수량: "2" },
    ]);
    const [line] = await linesWithShipped(db, row.id);
    await shipOrder(db, { orderId: order.orderId, courier: "직접 전달", lines: [{ orderItemId: line!.id, quantity: 1 }] }, OWNER);
    expect(mine(await shippingListRows(db, { orderIds: [order.orderId] }))[0]!.수량).toBe("1");
    const file = await shippingListXlsx(await shippingListRows(db, { orderIds: [order.orderId] }));
    const sheet = await readSheet(file);
    expect(sheet[0]).toEqual([...SHIPPING_LIST_COLUMNS]);
    expect(sheet[1]![3]).toBe("06236");
  });
});
