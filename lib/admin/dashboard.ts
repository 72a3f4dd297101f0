import { asc, eq, gte, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { orders, orderStatuses, payments, type OrderStatus } from "@/db/schema";
import { listOpenPaymentConflicts } from "@/lib/orders/conflicts";
import { KOREA_UTC_OFFSET_SECONDS, koreaDayNumber, koreaDayStartBefore, koreaDayStartOfNumber } from "@/lib/korea-time";
import { paymentOfOrder } from "@/lib/orders/payments";


/** Net paid revenue: what the payment still holds after refunds (the order amount before a payment row exists). Needs the join on paymentOfOrder. */
const netAmount = sql<number>`coalesce(${payments.balanceAmount}, ${orders.amount})`;

export type PeriodSummary = { label: string; since: Date; paidOrders: number; revenue: number; placedOrders: number };

/** Revenue and order counts for today, the last 7 and the last 30 days, in whole Korea-time days. */
export async function salesSummary(db: Executor, now = new Date()): Promise<PeriodSummary[]> {
  const periods = [
    { label: "오늘", since: koreaDayStartBefore(now, 0) },
    { label: "최근 7일", since: koreaDayStartBefore(now, 6) },
    { label: "최근 30일", since: koreaDayStartBefore(now, 29) },
  ];
  return Promise.all(
    periods.map(async ({ label, since }) => {
      const [[paid], [placed]] = await Promise.all([
        db
          .select({ count: sql<number>`count(*)::int`, revenue: sql<number>`coalesce(sum(${netAmount}), 0)::bigint` })
          .from(orders)
          .leftJoin(payments, paymentOfOrder)
          .where(gte(orders.paidAt, since)),
        db.select({ count: sql<number>`count(*)::int` }).from(orders).where(gte(orders.createdAt, since)),
      ]);
      return { label, since, paidOrders: paid?.count ?? 0, revenue: Number(paid?.revenue ?? 0), placedOrders: placed?.count ?? 0 };
    }),
  );
}

export type DailySales = { day: Date; revenue: number; orders: number };

/** Paid revenue per Korea-time day for the last `days` days, today included, zero-filled. */
export async function dailySales(db: Executor, days = 30, now = new Date()): Promise<DailySales[]> {
  const since = koreaDayStartBefore(now, days - 1);
  // Constants inlined: GROUP BY must repeat the select expression exactly, parameters included.
  const dayNumber = sql<number>`floor((extract(epoch from ${orders.paidAt}) + ${sql.raw(String(KOREA_UTC_OFFSET_SECONDS))}) / 86400)::int`;
  const rows = await db
    .select({ day: dayNumber, revenue: sql<number>`coalesce(sum(${netAmount}), 0)::bigint`, orders: sql<number>`count(*)::int` })
    .from(orders)
    .leftJoin(payments, paymentOfOrder)
    .where(gte(orders.paidAt, since))
    .groupBy(dayNumber);
  const byDay = new Map(rows.map((r) => [Number(r.day), r]));
  const firstDay = koreaDayNumber(since);
  return Array.from({ length: days }, (_, i) => {
    const row = byDay.get(firstDay + i);
    return { day: koreaDayStartOfNumber(firstDay + i), revenue: Number(row?.revenue ?? 0), orders: row?.orders ?? 0 };
  });
}

export async function ordersByStatus(db: Executor): Promise<{ status: OrderStatus; count: number }[]> {
  const rows = await db.select({ status: orders.status, count: sql<number>`count(*)::int` }).from(orders).groupBy(orders.status);
  const counts = new Map(rows.map((r) => [r.status, r.count]));
  return orderStatuses.map((status) => ({ status, count: counts.get(status) ?? 0 }));
}

/** Virtual accounts still waiting for their deposit, the soonest due first. */
export async function awaitingDeposits(db: Executor, limit = 20) {
  return db
    .select({
      orderId: orders.orderId,
      orderName: orders.orderName,
      customerName: orders.customerName,
      amount: orders.amount,
      bankCode: payments.virtualAccountBankCode,
      dueDate: payments.virtualAccountDueDate,
    })
    .from(orders)
    .innerJoin(payments, paymentOfOrder)
    .where(eq(orders.status, "WAITING_FOR_DEPOSIT"))
    .orderBy(asc(payments.virtualAccountDueDate))
    .limit(limit);
}

export async function getDashboard(db: Executor, now = new Date()) {
  const [summary, daily, byStatus, deposits, conflicts] = await Promise.all([
    salesSummary(db, now),
    dailySales(db, 30, now),
    ordersByStatus(db),
    awaitingDeposits(db),
    listOpenPaymentConflicts(db),
  ]);
  return { summary, daily, byStatus, deposits, conflicts };
}
