import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { orders, payments, type NewOrder } from "@/db/schema";
import { nextOrderNumber } from "@/lib/orders/order-number";
import { filtersToSearchParams, iterateOrders, listOrders, parseOrderFilters, phoneDigits, type OrderFilters } from "./orders";

/** An order as the store leaves it: with `method`, paid under the key it claimed. */
async function order(values: Partial<NewOrder> & { method?: string } = {}) {
  const { method, ...rest } = values;
  const orderId = `t_${randomBytes(8).toString("hex")}`;
  const [row] = await db
    .insert(orders)
    .values({
      orderId,
      ...(method && { paymentKey: `pk_${orderId}` }),
      orderName: "유자차 외 1건",
      amount: 10_000,
      customerName: "홍길동",
      customerEmail: "hong@example.com",
      customerPhone: "01000000000",
      postcode: "06236",
      address: "서울특별시 강남구 테헤란로 131",
      customerKey: randomBytes(8).toString("hex"),
      ...rest,
    })
    .returning();
  if (method) {
    await db.insert(payments).values({ orderId: row!.id, paymentKey: `pk_${row!.orderId}`, method, providerStatus: "DONE", totalAmount: row!.amount, balanceAmount: row!.amount, raw: {} });
  }
  return row!;
}

const f = (filters: Partial<OrderFilters>): OrderFilters => ({ sort: "newest", ...filters });
const ids = async (filters: Partial<OrderFilters>) => (await listOrders(db, f(filters))).rows.map((r) => r.orderId);

describe("the admin's order filters", () => {
  it("reads the URL, dropping what is malformed", () => {
    expect(parseOrderFilters({ status: "PAID", q: "  김토스 ", from: "2026-03-01", to: "2026-13-45", sort: "amount_desc", method: ["카드", "x"] })).toEqual({
      status: "PAID",
      q: "김토스",
      from: "2026-03-01",
      sort: "amount_desc",
      method: "카드",
    });
    expect(parseOrderFilters({ status: "NOPE", sort: "random", q: "a\u0000b" })).toEqual({ sort: "newest" });
  });

  it("filters by status and by payment method", async () => {
    const paidCard = await order({ status: "PAID", method: "카드", customerName: "상태테스트" });
    const waitingVa = await order({ status: "WAITING_FOR_DEPOSIT", method: "가상계좌", customerName: "상태테스트" });
    expect(await ids({ q: "상태테스트", status: "PAID" })).toEqual([paidCard.orderId]);
    expect(await ids({ q: "상태테스트", method: "가상계좌" })).toEqual([waitingVa.orderId]);
    expect(await ids({ q: "상태테스트", method: "카드", status: "WAITING_FOR_DEPOSIT" })).toEqual([]);
  });

  it("shows and filters each order's own payment method, in the list and the export, with several methods, refunds and failures", async () => {
    // Orders without a payment first, so that order and payment ids never line up by chance.
    const unpaid = await order({ customerName: "수단테스트", status: "PENDING" });
    const expired = await order({ customerName: "수단테스트", status: "EXPIRED" });
    const made = {
      카드: await order({ customerName: "수단테스트", status: "PAID", method: "카드" }),
      가상계좌: await order({ customerName: "수단테스트", status: "WAITING_FOR_DEPOSIT", method: "가상계좌" }),
      간편결제: await order({ customerName: "수단테스트", status: "CANCELED", method: "간편결제" }),
      계좌이체: await order({ customerName: "수단테스트", status: "PARTIAL_CANCELED", method: "계좌이체" }),
      휴대폰: await order({ customerName: "수단테스트", status: "FAILED", method: "휴대폰" }),
    };
    const expected = new Map<string, string | null>([
      [unpaid.orderId, null],
      [expired.orderId, null],
      ...Object.entries(made).map(([method, o]) => [o.orderId, method] as [string, string]),
    ]);
    const listed = (await listOrders(db, f({ q: "수단테스트" }))).rows;
    expect(new Map(listed.map((r) => [r.orderId, r.method]))).toEqual(expected);
    const exported = [];
    for await (const batch of iterateOrders(db, f({ q: "수단테스트" }), 3)) exported.push(...batch);
    expect(new Map(exported.map((r) => [r.orderId, r.method]))).toEqual(expected);
    for (const [method, o] of Object.entries(made)) {
      const page = await listOrders(db, f({ q: "수단테스트", method }));
      expect(page.rows.map((r) => r.orderId), method).toEqual([o.orderId]);
      expect(page.total, method).toBe(1);
    }
  });

  it("takes the date range as whole days in Korea time", async () => {
    const late = await order({ customerName: "날짜테스트", createdAt: new Date("2026-03-01T23:30:00+09:00") });
    const early = await order({ customerName: "날짜테스트", createdAt: new Date("2026-03-01T00:00:00+09:00") });
    await order({ customerName: "날짜테스트", createdAt: new Date("2026-03-02T00:00:00+09:00") });
    await order({ customerName: "날짜테스트", createdAt: new Date("2026-02-28T23:59:59+09:00") });
    expect(await ids({ q: "날짜테스트", from: "2026-03-01", to: "2026-03-01" })).toEqual([late.orderId, early.orderId]);
  });

  it("finds an order by orderId, name, email in any case, and phone in any format", async () => {
    const target = await order({ customerName: "김검색", customerEmail: "Search.Me@Example.com", customerPhone: "01098765432" });
    for (const q of [target.orderId, "김검색", "search.me@example.COM", "010-9876-5432", "01098765432", "+82 10 9876 5432", "010 9876 5432", "(010) 9876-5432"]) {
      expect(await ids({ q }), q).toEqual([target.orderId]);
    }
    expect(await ids({ q: "010-9876-543" })).toEqual([]);
    expect(phoneDigits("+82-10-1234-5678")).toBe("01012345678");
    expect(phoneDigits("김토스")).toBeNull();
  });

  it("finds an order by its short number typed in any spelling, and lists that number", async () => {
    const orderNumber = await nextOrderNumber(db);
    const target = await order({ orderNumber, customerName: "번호검색" });
    const [day, code] = orderNumber.split("-");
    for (const q of [orderNumber, orderNumber.toLowerCase(), `${day}${code}`, `${day}${code!.toLowerCase()}`, ` ${day} ${code} `.trim()]) {
      const page = await listOrders(db, f({ q }));
      expect(page.rows.map((r) => r.orderId), q).toEqual([target.orderId]);
      expect(page.rows[0]!.orderNumber).toBe(orderNumber);
    }
    expect(await ids({ q: `${day}${code!.slice(1)}` })).toEqual([]);
  });

  it("finds names by their start, taking % and _ as themselves, through the prefix index", async () => {
    const full = await order({ customerName: "김토스앞글자" });
    const other = await order({ customerName: "김토마토앞글자" });
    await order({ customerName: "박김토스앞글자" });
    const literal = await order({ customerName: "50%_할인앞글자" });
    expect(new Set(await ids({ q: "김토" }))).toEqual(new Set([full.orderId, other.orderId]));
    expect(await ids({ q: "김토스" })).toEqual([full.orderId]);
    expect(await ids({ q: "김토스앞글자" })).toEqual([full.orderId]);
    expect(await ids({ q: "50%_" })).toEqual([literal.orderId]);
    expect(await ids({ q: "5_%" })).toEqual([]);
    expect(await ids({ q: "%" })).toEqual([]);
    // The index can serve the search (the planner picks it once the table is large).
    const plan = await db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const rows = await tx.execute<{ "QUERY PLAN": string }>(sql`explain select id from orders where customer_name like '김토%'`);
      return (Array.isArray(rows) ? rows : (rows as { rows: { "QUERY PLAN": string }[] }).rows).map((r) => r["QUERY PLAN"]).join("\n");
    });
    expect(plan).toContain("orders_customer_name_prefix_idx");
  });

  it("pages by the chosen size, and jumps to the last page and back without an offset", async () => {
    const at = Date.UTC(2024, 5, 1);
    const made = [];
    for (let i = 0; i < 7; i++) made.push(await order({ customerName: "쪽크기", createdAt: new Date(at + i * 1000) }));
    const newest = made.map((o) => o.orderId).reverse();
    expect(parseOrderFilters({ size: "20", page: "last" })).toEqual({ sort: "newest", size: 20, page: "last" });
    expect(parseOrderFilters({ size: "7", page: "2" })).toEqual({ sort: "newest" });
    expect(filtersToSearchParams(f({ q: "쪽크기", size: 100 })).toString()).toBe(`q=${encodeURIComponent("쪽크기")}&size=100`);

    const first = await listOrders(db, f({ q: "쪽크기" }), 3);
    expect(first.rows.map((r) => r.orderId)).toEqual(newest.slice(0, 3));
    const last = await listOrders(db, f({ q: "쪽크기", page: "last" }), 3);
    expect(last.rows.map((r) => r.orderId)).toEqual(newest.slice(4));
    expect(last.next).toBeNull();
    expect(last.total).toBe(7);
    const beforeLast = await listOrders(db, f({ q: "쪽크기", before: last.previous! }), 3);
    expect(beforeLast.rows.map((r) => r.orderId)).toEqual(newest.slice(1, 4));
    const oldestFirst = await listOrders(db, f({ q: "쪽크기", sort: "oldest", page: "last" }), 3);
    expect(oldestFirst.rows.map((r) => r.orderId)).toEqual([...newest].reverse().slice(4));
    // A size from the URL is the size of the page.
    expect((await listOrders(db, f({ q: "쪽크기", size: 20 }))).rows).toHaveLength(7);
  });

  it("pages with keysets forward and back, ties on time broken by id, by date and by amount", async () => {
    const at = new Date("2025-06-01T12:00:00+09:00");
    const made = [];
    for (let i = 0; i < 7; i++) made.push(await order({ customerName: "페이지테스트", amount: 1000 * ((i * 3) % 7) + 100, createdAt: i < 4 ? at : new Date(at.getTime() + i * 1000) }));
    const walk = async (sort: OrderFilters["sort"]) => {
      const seen: string[] = [];
      let page = await listOrders(db, f({ q: "페이지테스트", sort }), 3);
      expect(page.total).toBe(7);
      expect(page.previous).toBeNull();
      const pages = [page];
      seen.push(...page.rows.map((r) => r.orderId));
      while (page.next) {
        page = await listOrders(db, f({ q: "페이지테스트", sort, after: page.next }), 3);
        pages.push(page);
        seen.push(...page.rows.map((r) => r.orderId));
      }
      // And back from the last page to the first.
      const back = await listOrders(db, f({ q: "페이지테스트", sort, before: pages.at(-1)!.previous! }), 3);
      expect(back.rows.map((r) => r.orderId)).toEqual(pages.at(-2)!.rows.map((r) => r.orderId));
      return seen;
    };
    const newest = [...made].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id).map((o) => o.orderId);
    expect(await walk("newest")).toEqual(newest);
    expect(await walk("oldest")).toEqual([...newest].reverse());
    const byAmount = [...made].sort((a, b) => b.amount - a.amount || b.id - a.id).map((o) => o.orderId);
    expect(await walk("amount_desc")).toEqual(byAmount);
    expect(await walk("amount_asc")).toEqual([...byAmount].reverse());
  });

  it("exports every matching order in keyset batches, in the list's order", async () => {
    for (let i = 0; i < 5; i++) await order({ customerName: "내보내기", createdAt: new Date(Date.UTC(2025, 0, 1, 0, 0, i)) });
    const batches: string[][] = [];
    for await (const batch of iterateOrders(db, f({ q: "내보내기" }), 2)) batches.push(batch.map((r) => r.customerName));
    expect(batches.map((b) => b.length)).toEqual([2, 2, 1]);
  });
});
