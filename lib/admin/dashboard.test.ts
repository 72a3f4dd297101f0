import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { orders, payments, type NewOrder } from "@/db/schema";
import { recordPaymentConflict } from "@/lib/orders/conflicts";
import { koreaDayStartBefore } from "@/lib/korea-time";
import { getDashboard } from "./dashboard";

/** An order as the store leaves it: with a `balance`, paid (by `method`) under the key it claimed. */
async function order(values: Partial<NewOrder>, balance?: number, method = "카드") {
  const orderId = `d_${randomBytes(6).toString("hex")}`;
  const [row] = await db
    .insert(orders)
    .values({
      orderId,
      ...(balance !== undefined && { paymentKey: `pk_${orderId}` }),
      orderName: "유자차",
      amount: 10_000,
      customerName: "홍길동",
      customerEmail: "d@example.com",
      customerPhone: "01000000000",
      postcode: "06236",
      address: "서울",
      customerKey: randomBytes(6).toString("hex"),
      ...values,
    })
    .returning();
  if (balance !== undefined) {
    await db.insert(payments).values({ orderId: row!.id, paymentKey: `pk_${row!.orderId}`, method, providerStatus: "DONE", totalAmount: row!.amount, balanceAmount: balance, raw: {} });
  }
  return row!;
}

describe("the dashboard", () => {
  it("counts Korea-time whole days: an order paid at 23:59 KST yesterday is not today's", async () => {
    const now = new Date("2026-03-10T09:00:00+09:00");
    expect(koreaDayStartBefore(now, 0).toISOString()).toBe("2026-03-09T15:00:00.000Z");
    expect(koreaDayStartBefore(new Date("2026-03-10T00:30:00+09:00"), 0).toISOString()).toBe("2026-03-09T15:00:00.000Z");

    await order({ status: "PAID", amount: 10_000, paidAt: new Date("2026-03-10T00:00:00+09:00"), createdAt: new Date("2026-03-09T23:50:00+09:00") }, 10_000);
    await order({ status: "PARTIAL_CANCELED", amount: 20_000, paidAt: new Date("2026-03-09T23:59:00+09:00"), createdAt: new Date("2026-03-09T23:58:00+09:00") }, 5_000);
    await order({ status: "PAID", amount: 7_000, paidAt: new Date("2026-02-08T23:59:59+09:00"), createdAt: new Date("2026-02-08T23:50:00+09:00") }, 7_000);
    await order({ status: "WAITING_FOR_DEPOSIT", amount: 3_000, createdAt: new Date("2026-03-10T08:00:00+09:00") }, 3_000);
    await recordPaymentConflict(db, { kind: "UNKNOWN_ORDER", source: "webhook", orderId: "ghost-order", detail: "unknown" });

    const dashboard = await getDashboard(db, now);
    expect(dashboard.summary.map((p) => [p.label, p.paidOrders, p.revenue])).toEqual([
      ["오늘", 1, 10_000],
      ["최근 7일", 2, 15_000],
      ["최근 30일", 2, 15_000],
    ]);
    expect(dashboard.summary[0]!.placedOrders).toBe(1);
    expect(dashboard.daily).toHaveLength(30);
    expect(dashboard.daily.at(-1)).toMatchObject({ revenue: 10_000, orders: 1 });
    expect(dashboard.daily.at(-2)).toMatchObject({ revenue: 5_000, orders: 1 });
    expect(dashboard.byStatus.find((s) => s.status === "PAID")?.count).toBe(2);
    expect(dashboard.deposits.map((d) => d.amount)).toEqual([3_000]);
    expect(dashboard.conflicts.map((c) => c.orderId)).toEqual(["ghost-order"]);
  });

  it("sums each order's own net amount, with several methods and refunds", async () => {
    const now = new Date("2026-05-20T12:00:00+09:00");
    const paidAt = new Date("2026-05-20T10:00:00+09:00");
    // Orders without a payment first, so that order and payment ids never line up by chance.
    await order({ status: "EXPIRED", amount: 50_000, createdAt: paidAt });
    await order({ status: "FAILED", amount: 60_000, createdAt: paidAt });
    await order({ status: "PAID", amount: 11_000, paidAt }, 11_000, "카드");
    await order({ status: "PARTIAL_CANCELED", amount: 22_000, paidAt }, 2_000, "계좌이체");
    await order({ status: "PAID", amount: 33_000, paidAt }, 33_000, "가상계좌");
    await order({ status: "CANCELED", amount: 44_000, paidAt }, 0, "간편결제");
    await order({ status: "PAID", amount: 5_000, paidAt }, 5_000, "휴대폰");
    const dashboard = await getDashboard(db, now);
    expect(dashboard.summary[0]).toMatchObject({ label: "오늘", paidOrders: 5, revenue: 51_000 });
    expect(dashboard.daily.at(-1)).toMatchObject({ revenue: 51_000, orders: 5 });
  });
});
