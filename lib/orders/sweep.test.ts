import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { carts, orderEvents, orders, products, rateLimitHits, webhookDeliveries } from "@/db/schema";
import { createPendingOrder } from "@/lib/testing/factories";
import { startTestSandbox, type TestSandbox } from "@/lib/testing/sandbox";
import { grantOrderAccess } from "./access";
import { confirmOrderPayment } from "./confirm";
import { describeFailure, failPendingOrder, failQuerySchema } from "./fail";
import { sweepOrders } from "./sweep";
import { lockOrderByOrderId, transitionOrder } from "./state";
import { canViewOrder, getOrderView } from "./view";

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

const minutesFromNow = (m: number) => new Date(Date.now() + m * 60_000);
async function statusOf(orderId: string) {
  const [row] = await db.select({ status: orders.status }).from(orders).where(eq(orders.orderId, orderId));
  return row!.status;
}
async function stockOf(productId: number) {
  const [row] = await db.select({ stock: products.stock }).from(products).where(eq(products.id, productId));
  return row!.stock;
}
/** Events of one order (by Toss orderId) of one type: never counted across the database. */
async function eventCount(orderId: string, type: string) {
  const [order] = await db.select({ id: orders.id }).from(orders).where(eq(orders.orderId, orderId));
  return (await db.select().from(orderEvents).where(and(eq(orderEvents.orderId, order!.id), eq(orderEvents.type, type)))).length;
}
/** Leaves no PENDING order behind for the next test's sweep. */
async function sweepAll() {
  return sweepOrders(db, { provider: sandbox.provider, now: minutesFromNow(24 * 60 * 30) });
}

describe("sweepOrders", () => {
  it("expires PENDING orders past the TTL and releases their stock, not younger ones", async () => {
    const { order, product } = await createPendingOrder({ quantity: 3, stock: 5 });
    expect(await stockOf(product.id)).toBe(2);
    expect(await sweepOrders(db, { provider: sandbox.provider, now: minutesFromNow(10), pendingTtlMinutes: 30 })).toMatchObject({ expiredPending: 0 });
    expect(await statusOf(order.orderId)).toBe("PENDING");
    expect(await sweepOrders(db, { provider: sandbox.provider, now: minutesFromNow(31), pendingTtlMinutes: 30 })).toMatchObject({ expiredPending: 1 });
    expect(await statusOf(order.orderId)).toBe("EXPIRED");
    expect(await stockOf(product.id)).toBe(5);
    expect(await eventCount(order.orderId, "ORDER_EXPIRED")).toBe(1);
    // Sweeping again changes nothing.
    expect(await sweepAll()).toMatchObject({ expiredPending: 0, settledConfirming: 0, expiredVirtualAccounts: 0 });
  });

  it("does each row once when several sweepers run at the same time (SKIP LOCKED)", async () => {
    const placed = await Promise.all(Array.from({ length: 6 }, () => createPendingOrder()));
    const reports = await Promise.all(
      Array.from({ length: 4 }, () => sweepOrders(db, { provider: sandbox.provider, now: minutesFromNow(60), pendingTtlMinutes: 30, batchSize: 2 })),
    );
    expect(reports.reduce((n, r) => n + r.expiredPending, 0)).toBe(6);
    for (const { order, product } of placed) {
      expect(await statusOf(order.orderId)).toBe("EXPIRED");
      expect(await eventCount(order.orderId, "ORDER_EXPIRED")).toBe(1);
      expect(await stockOf(product.id)).toBe(10);
    }
  });

  it("never fails a CONFIRMING order on a Toss 'not found' before its payment window is over; records every check", async () => {
    const { order, product } = await createPendingOrder();
    await db.transaction(async (tx) => {
      const row = await lockOrderByOrderId(tx, order.orderId);
      await transitionOrder(tx, row!, "CONFIRMING", { type: "CONFIRM_STARTED" }, { paymentKey: "tgen_unknown" });
    });
    expect(await sweepOrders(db, { provider: sandbox.provider, now: minutesFromNow(0.5) })).toMatchObject({ settledConfirming: 0 });
    expect(await sweepOrders(db, { provider: sandbox.provider, now: minutesFromNow(2) })).toMatchObject({ settledConfirming: 0, deferred: 1 });
    expect(await statusOf(order.orderId)).toBe("CONFIRMING");
    expect(await eventCount(order.orderId, "SWEEP_CHECK_FAILED")).toBe(1);
    expect(await sweepOrders(db, { provider: sandbox.provider, now: minutesFromNow(45), pendingTtlMinutes: 30 })).toMatchObject({ settledConfirming: 1 });
    expect(await statusOf(order.orderId)).toBe("FAILED");
    expect(await stockOf(product.id)).toBe(10);
  });

  it("after Toss answered 500 three times, a later sweep confirms under a new key and the order is paid", async () => {
    const { order } = await createPendingOrder();
    const { paymentKey } = await sandbox.authorize({ orderId: order.orderId, amount: order.amount });
    await db.transaction(async (tx) => {
      const row = await lockOrderByOrderId(tx, order.orderId);
      await transitionOrder(tx, row!, "CONFIRMING", { type: "CONFIRM_STARTED" }, { paymentKey });
    });
    const failure = { status: 500, code: "FAILED_INTERNAL_SYSTEM_PROCESSING" };
    await sandbox.control("POST", `/payments/${paymentKey}/script`, { confirm: [failure, failure, failure] });
    for (let sweep = 1; sweep <= 3; sweep++) {
      expect(await sweepOrders(db, { provider: sandbox.provider, now: minutesFromNow(2 * sweep) }), `sweep ${sweep}`).toMatchObject({ settledConfirming: 0, errors: 1 });
      expect(await statusOf(order.orderId)).toBe("CONFIRMING");
    }
    expect(await eventCount(order.orderId, "SWEEP_CONFIRM_FAILED")).toBe(3);
    expect(await sweepOrders(db, { provider: sandbox.provider, now: minutesFromNow(8) })).toMatchObject({ settledConfirming: 1, errors: 0 });
    expect(await statusOf(order.orderId)).toBe("PAID");
    const [row] = await db.select().from(orders).where(eq(orders.orderId, order.orderId));
    expect(row!.confirmRound).toBe(4);
  });

  it("fails a CONFIRMING order whose payment session expired at Toss", async () => {
    const { order, product } = await createPendingOrder();
    const { paymentKey } = await sandbox.authorize({ orderId: order.orderId, amount: order.amount });
    // The confirm got no answer and never reached Toss; the shopper's 10 minutes then ran out.
    await db.transaction(async (tx) => {
      const row = await lockOrderByOrderId(tx, order.orderId);
      await transitionOrder(tx, row!, "CONFIRMING", { type: "CONFIRM_STARTED" }, { paymentKey });
    });
    await sandbox.control("POST", `/payments/${paymentKey}/expire`);
    expect(await sweepOrders(db, { provider: sandbox.provider, now: minutesFromNow(2) })).toMatchObject({ settledConfirming: 1 });
    expect(await statusOf(order.orderId)).toBe("FAILED");
    expect(await stockOf(product.id)).toBe(10);
  });

  it("confirms a CONFIRMING order whose payment still waits at Toss (the confirm never arrived)", async () => {
    const { order } = await createPendingOrder();
    const { paymentKey } = await sandbox.authorize({ orderId: order.orderId, amount: order.amount });
    await db.transaction(async (tx) => {
      const row = await lockOrderByOrderId(tx, order.orderId);
      await transitionOrder(tx, row!, "CONFIRMING", { type: "CONFIRM_STARTED" }, { paymentKey });
    });
    expect(await sweepOrders(db, { provider: sandbox.provider, now: minutesFromNow(2) })).toMatchObject({ settledConfirming: 1 });
    expect(await statusOf(order.orderId)).toBe("PAID");
  });

  it("expires a virtual account whose due date passed, releasing stock", async () => {
    const { order, product } = await createPendingOrder({ quantity: 2 });
    const { paymentKey } = await sandbox.authorize({ orderId: order.orderId, amount: order.amount, method: "가상계좌", bankCode: "20" });
    const query = { paymentKey, orderId: order.orderId, amount: order.amount, paymentType: "NORMAL" as const };
    await confirmOrderPayment(db, query, { provider: sandbox.provider });
    expect(await statusOf(order.orderId)).toBe("WAITING_FOR_DEPOSIT");
    expect(await stockOf(product.id)).toBe(8);

    expect(await sweepOrders(db, { provider: sandbox.provider, now: minutesFromNow(60) })).toMatchObject({ expiredVirtualAccounts: 0 });
    await sandbox.control("POST", "/clock/advance", { minutes: 8 * 24 * 60 });
    expect(await sweepOrders(db, { provider: sandbox.provider, now: minutesFromNow(8 * 24 * 60) })).toMatchObject({ expiredVirtualAccounts: 1, errors: 0 });
    expect(await statusOf(order.orderId)).toBe("EXPIRED");
    expect(await stockOf(product.id)).toBe(10);
    expect(await eventCount(order.orderId, "VIRTUAL_ACCOUNT_EXPIRED")).toBe(1);
  });

  it("pays, not expires, a virtual account whose deposit arrived without a webhook", async () => {
    const { order } = await createPendingOrder();
    const { paymentKey } = await sandbox.authorize({ orderId: order.orderId, amount: order.amount, method: "가상계좌" });
    await confirmOrderPayment(db, { paymentKey, orderId: order.orderId, amount: order.amount, paymentType: "NORMAL" }, { provider: sandbox.provider });
    await sandbox.control("POST", `/virtual-accounts/${order.orderId}/deposit`, {});
    // Past the due date on both clocks.
    await sandbox.control("POST", "/clock/advance", { minutes: 30 * 24 * 60 });
    const report = await sweepOrders(db, { provider: sandbox.provider, now: minutesFromNow(30 * 24 * 60) });
    expect(report.expiredVirtualAccounts).toBe(0);
    expect(report.errors).toBe(0);
    expect(await statusOf(order.orderId)).toBe("PAID");
  });
});

describe("failPendingOrder (/fail)", () => {
  it("fails this shopper's PENDING order and releases its stock", async () => {
    const { order, product } = await createPendingOrder({ quantity: 2 });
    const cookie = grantOrderAccess(undefined, order.orderId);
    const query = failQuerySchema.parse({ code: "PAY_PROCESS_CANCELED", message: "사용자에 의해 결제가 취소되었습니다.", orderId: order.orderId });
    expect(await failPendingOrder(db, query, cookie)).toBe(true);
    expect(await statusOf(order.orderId)).toBe("FAILED");
    expect(await stockOf(product.id)).toBe(10);
    expect(await failPendingOrder(db, query, cookie)).toBe(false);
  });

  it("ignores another shopper's order and never touches a paid one", async () => {
    const { order } = await createPendingOrder();
    const query = failQuerySchema.parse({ code: "PAY_PROCESS_CANCELED", orderId: order.orderId });
    expect(await failPendingOrder(db, query, undefined)).toBe(false);
    expect(await failPendingOrder(db, query, grantOrderAccess(undefined, "jt_someoneelse"))).toBe(false);
    expect(await statusOf(order.orderId)).toBe("PENDING");

    const { paymentKey } = await sandbox.authorize({ orderId: order.orderId, amount: order.amount });
    await confirmOrderPayment(db, { paymentKey, orderId: order.orderId, amount: order.amount, paymentType: "NORMAL" }, { provider: sandbox.provider });
    expect(await failPendingOrder(db, query, grantOrderAccess(undefined, order.orderId))).toBe(false);
    expect(await statusOf(order.orderId)).toBe("PAID");
  });

  it("reads untrusted query parts leniently and words the common codes", () => {
    expect(failQuerySchema.parse({ code: "<script>", message: "x".repeat(500), orderId: "bad id" })).toEqual({});
    expect(describeFailure("PAY_PROCESS_CANCELED")).toMatchObject({ title: "결제를 취소했어요", canceledByShopper: true });
    expect(describeFailure("REJECT_CARD_COMPANY")).toMatchObject({ title: "카드사에서 결제를 거절했어요", canceledByShopper: false });
    expect(describeFailure(undefined).code).toBe("UNKNOWN");
  });
});

describe("order view", () => {
  it("is visible to the browser that placed the order and to staff only", async () => {
    const { order } = await createPendingOrder();
    expect(canViewOrder({ accessCookie: grantOrderAccess(undefined, order.orderId) }, order.orderId)).toBe(true);
    expect(canViewOrder({ accessCookie: undefined }, order.orderId)).toBe(false);
    expect(canViewOrder({ accessCookie: "forged.value" }, order.orderId)).toBe(false);
    expect(canViewOrder({ accessCookie: undefined, session: { role: "owner" } }, order.orderId)).toBe(true);
  });

  it("shows items, amounts, shipping, and the virtual account to deposit into", async () => {
    const { order } = await createPendingOrder({ price: 5_000, quantity: 3 });
    const { paymentKey } = await sandbox.authorize({ orderId: order.orderId, amount: order.amount, method: "가상계좌", bankCode: "88" });
    await confirmOrderPayment(db, { paymentKey, orderId: order.orderId, amount: order.amount, paymentType: "NORMAL" }, { provider: sandbox.provider });
    const view = await getOrderView(db, order.orderId);
    expect(view).toMatchObject({
      status: "WAITING_FOR_DEPOSIT",
      statusText: { label: "입금 대기" },
      amount: 15_000,
      items: [{ unitPrice: 5_000, quantity: 3, lineTotal: 15_000 }],
      shipping: { postcode: "06236" },
      payment: { method: "가상계좌", virtualAccount: { bank: "신한은행" } },
    });
    expect(view!.payment!.virtualAccount!.dueDate).toBeInstanceOf(Date);
    expect(await getOrderView(db, "jt_nosuchorder")).toBeNull();
    expect(await getOrderView(db, "../etc")).toBeNull();
    expect(await eventCount(order.orderId, "VIRTUAL_ACCOUNT_ISSUED")).toBe(1);
  });
});

describe("retention", () => {
  it("prunes webhook deliveries and abandoned carts past RETENTION_DAYS, and rate-limit hits past a day", async () => {
    const old = new Date(Date.now() - 91 * 24 * 3_600_000);
    const [oldDelivery] = await db.insert(webhookDeliveries).values({ headers: {}, body: "{}", receivedAt: old }).returning();
    const [newDelivery] = await db.insert(webhookDeliveries).values({ headers: {}, body: "{}" }).returning();
    const [oldCart] = await db.insert(carts).values({ updatedAt: old }).returning();
    const [newCart] = await db.insert(carts).values({}).returning();
    await db.insert(rateLimitHits).values([
      { bucket: "test:retention", key: "old", createdAt: new Date(Date.now() - 25 * 3_600_000) },
      { bucket: "test:retention", key: "new" },
    ]);
    const report = await sweepOrders(db, { provider: sandbox.provider, retentionDays: 90 });
    expect(report.pruned).toMatchObject({ webhookDeliveries: 1, carts: 1, rateLimitHits: 1 });
    expect(await db.$count(webhookDeliveries, eq(webhookDeliveries.id, oldDelivery!.id))).toBe(0);
    expect(await db.$count(webhookDeliveries, eq(webhookDeliveries.id, newDelivery!.id))).toBe(1);
    expect(await db.$count(carts, eq(carts.id, oldCart!.id))).toBe(0);
    expect(await db.$count(carts, eq(carts.id, newCart!.id))).toBe(1);
    expect((await db.select().from(rateLimitHits).where(eq(rateLimitHits.bucket, "test:retention"))).map((h) => h.key)).toEqual(["new"]);
  });
});
