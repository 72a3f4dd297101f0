import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { paymentConflicts } from "@/db/schema";
import { createPendingOrder } from "@/lib/testing/factories";
import { startTestSandbox, type TestSandbox } from "@/lib/testing/sandbox";
import { settleOrderFromPayment } from "./settle";
import { findOrderByOrderId, lockOrderByOrderId, transitionOrder } from "./state";

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox?.close());

/** A payment approved at Toss for `orderId` and `amount`, confirmed there without the store. */
async function approvedAtToss(orderId: string, amount: number) {
  const { paymentKey } = await sandbox.authorize({ orderId, amount });
  return sandbox.provider.confirm({ reference: paymentKey, orderId, amount }, { idempotencyKey: `test-${randomUUID()}` });
}

function settle(orderId: string, payment: Awaited<ReturnType<typeof approvedAtToss>>) {
  return db.transaction(async (tx) => settleOrderFromPayment(tx, (await lockOrderByOrderId(tx, orderId))!, payment, "webhook"));
}

function openConflicts(orderId: string, kind: "UNKNOWN_ORDER" | "PAYMENT_MISMATCH") {
  return db.select().from(paymentConflicts).where(and(eq(paymentConflicts.orderId, orderId), eq(paymentConflicts.kind, kind)));
}

describe("money that needs a person", () => {
  it("a payment approved for an order that already expired is put before the owner once, however often it arrives", async () => {
    const { order } = await createPendingOrder({ price: 12_000 });
    const payment = await approvedAtToss(order.orderId, order.amount);
    const row = (await findOrderByOrderId(db, order.orderId))!;
    await db.transaction((tx) => transitionOrder(tx, row, "EXPIRED", { type: "ORDER_EXPIRED", actor: "sweeper" }));

    expect(await settle(order.orderId, payment)).toMatchObject({ changed: false, reason: "UNREACHABLE" });
    expect(await settle(order.orderId, payment)).toMatchObject({ changed: false, reason: "UNREACHABLE" });
    const conflicts = await openConflicts(order.orderId, "UNKNOWN_ORDER");
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ paymentKey: payment.reference, source: "webhook", resolvedAt: null });
    expect(conflicts[0]!.detail).toContain("12,000원");
    expect((await findOrderByOrderId(db, order.orderId))!.status).toBe("EXPIRED");
  });

  it("a payment that does not match its order is not applied and is put before the owner once", async () => {
    const { order } = await createPendingOrder({ price: 12_000 });
    const payment = await approvedAtToss(order.orderId, order.amount + 1_000);

    expect(await settle(order.orderId, payment)).toMatchObject({ changed: false, reason: "MISMATCH" });
    expect(await settle(order.orderId, payment)).toMatchObject({ changed: false, reason: "MISMATCH" });
    const conflicts = await openConflicts(order.orderId, "PAYMENT_MISMATCH");
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ paymentKey: payment.reference });
    expect(conflicts[0]!.detail).toContain("13,000원");
    expect((await findOrderByOrderId(db, order.orderId))!.status).toBe("PENDING");
  });
});
