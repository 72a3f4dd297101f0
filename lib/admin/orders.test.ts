import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { orders, payments, type NewOrder } from "@/db/schema";
import { iterateOrders, listOrders, parseOrderFilters, phoneDigits, type OrderFilters } from "./orders";

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
