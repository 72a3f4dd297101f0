import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/webhooks/toss/route";
import { connection, db } from "@/db/client";
import { orderEvents, orderItems, orders, paymentCancels, paymentConflicts, payments, products } from "@/db/schema";
import { cacheTags } from "@/lib/cache-tags";
import { createCart, createPendingOrder, createProduct, validCheckoutForm } from "@/lib/testing/factories";
import { startTestSandbox, type TestSandbox } from "@/lib/testing/sandbox";
import { confirmOrderPayment } from "./confirm";
import { placeOrder } from "./place-order";
import type { AdminActor } from "@/lib/auth/actor";
import { refundOrder, type RefundRequest } from "./refund";
import { settlePendingRefunds } from "./refund-recovery";
import { getRefundOptions, listOrderRefunds } from "./refunds-view";
import { settleOrderFromPayment } from "./settle";
import { lockOrderByOrderId } from "./state";

// PGlite runs one transaction at a time, so races can only be shown on PostgreSQL.
const onPostgres = Boolean(process.env.DATABASE_URL);
let sandbox: TestSandbox;
const owner: AdminActor = { email: "owner@jangteo.test", role: "owner" };
const otherOwner: AdminActor = { email: "second@jangteo.test", role: "owner" };
const account = { bank: "88", accountNumber: "110-123-456789", holderName: "김토스" };

beforeAll(async () => {
  // Deliveries stay in the sandbox until a test hands them to the webhook route.
  sandbox = await startTestSandbox();
  process.env.SANDBOX_PORT = new URL(sandbox.url).port;
});
afterAll(() => sandbox?.close());

type Counters = { total: number; executed: number; replayed: number; succeeded: number };
type SandboxDelivery = { id: string; eventType: string; body: object };
const sandboxView = (paymentKey: string) =>
  sandbox.control<{ payment: { status: string; balanceAmount: number; cancels: unknown[] | null }; sandbox: { calls: { cancel: Counters } } }>("GET", `/payments/${paymentKey}`);

async function orderRow(orderId: string) {
  const [row] = await db.select().from(orders).where(eq(orders.orderId, orderId));
  return row!;
}
async function stockOf(productId: number) {
  const [row] = await db.select({ stock: products.stock }).from(products).where(eq(products.id, productId));
  return row!.stock;
}
async function cancelRows(orderId: string) {
  const order = await orderRow(orderId);
  return db
    .select({ cancel: paymentCancels })
    .from(paymentCancels)
    .innerJoin(payments, eq(payments.id, paymentCancels.paymentId))
    .where(eq(payments.orderId, order.id))
    .orderBy(asc(paymentCancels.id))
    .then((rows) => rows.map((r) => r.cancel));
}
async function eventsOf(orderId: string) {
  const order = await orderRow(orderId);
  return db.select().from(orderEvents).where(eq(orderEvents.orderId, order.id)).orderBy(asc(orderEvents.id));
}

/** A paid card order of `quantity` units at 7,500 (stock 10 → 10 − quantity). */
async function paidOrder(options: { quantity?: number; method?: "카드" | "가상계좌"; deposit?: boolean } = {}) {
  const placed = await createPendingOrder({ price: 7_500, quantity: options.quantity ?? 2, stock: 10 });
  const method = options.method ?? "카드";
  const { paymentKey } = await sandbox.authorize({ orderId: placed.order.orderId, amount: placed.order.amount, method, ...(method === "가상계좌" && { bankCode: "88" }) });
  const result = await confirmOrderPayment(db, { paymentKey, orderId: placed.order.orderId, amount: placed.order.amount, paymentType: "NORMAL" }, { provider: sandbox.provider, waitMs: 10_000, pollMs: 20 });
  expect(result).toMatchObject({ kind: "order" });
  if (method === "가상계좌" && options.deposit !== false) {
    await sandbox.control("POST", `/virtual-accounts/${placed.order.orderId}/deposit`);
    await settleFromSandbox(placed.order.orderId, paymentKey);
    expect((await orderRow(placed.order.orderId)).status).toBe("PAID");
  }
  return { ...placed, paymentKey, orderId: placed.order.orderId, amount: placed.order.amount };
}

async function settleFromSandbox(orderId: string, paymentKey: string) {
  const payment = await sandbox.provider.read(paymentKey);
  await db.transaction(async (tx) => settleOrderFromPayment(tx, (await lockOrderByOrderId(tx, orderId))!, payment, "test"));
}

function request(orderId: string, fields: Partial<RefundRequest> & { expectedBalance: number }): RefundRequest {
  return { orderId, idempotencyKey: `refund_${randomUUID()}`, reason: "고객 변심", ...fields };
}

const handed = new Set<string>();
/** Hands the sandbox's not-yet-delivered webhooks of a payment to the store's route, as Toss would. */
async function deliverWebhooks(paymentKey: string): Promise<{ status: number; outcome: string }[]> {
  const { deliveries } = await sandbox.control<{ deliveries: SandboxDelivery[] }>("GET", `/webhooks?paymentKey=${paymentKey}`);
  const out = [];
  for (const d of deliveries.filter((x) => !handed.has(x.id))) {
    handed.add(d.id);
    const res = await POST(new Request("http://localhost/api/webhooks/toss", { method: "POST", headers: { "content-type": "application/json", "tosspayments-webhook-transmission-id": d.id }, body: JSON.stringify(d.body) }));
    out.push({ status: res.status, outcome: ((await res.json()) as { outcome: string }).outcome });
  }
  return out;
}

describe("refundOrder", () => {
  it("full refund: Toss cancels, the order is CANCELED, the stock comes back, the owner is on the timeline", async () => {
    const o = await paidOrder({ quantity: 2 });
    expect(await stockOf(o.product.id)).toBe(8);
    expect(await getRefundOptions(db, o.orderId)).toMatchObject({ balance: 15_000, fullCancelOnly: false, partialAllowed: true, needsRefundAccount: false, lines: [{ quantity: 2, refundable: 2, restockable: 2, unitPrice: 7_500 }], requests: [] });
    const result = await refundOrder(db, owner, request(o.orderId, { expectedBalance: 15_000, amount: 15_000 }), { provider: sandbox.provider });
    expect(result).toEqual({ ok: true, status: "DONE", orderStatus: "CANCELED", balanceAmount: 0 });
    expect((await sandboxView(o.paymentKey)).payment).toMatchObject({ status: "CANCELED", balanceAmount: 0 });
    expect(await stockOf(o.product.id)).toBe(10);
    const [row, ...more] = await cancelRows(o.orderId);
    expect(more).toHaveLength(0);
    expect(row).toMatchObject({ status: "DONE", amount: 15_000, reason: "고객 변심", requestedBy: "admin:owner@jangteo.test", refundableAmount: 15_000 });
    expect(row!.transactionKey).toMatch(/^txrd_/);
    const refunded = (await eventsOf(o.orderId)).filter((e) => e.type === "REFUNDED");
    expect(refunded).toHaveLength(1);
    expect(refunded[0]).toMatchObject({ fromStatus: "PAID", toStatus: "CANCELED", actor: "admin:owner@jangteo.test" });
    const order = await orderRow(o.orderId);
    expect(order.canceledAt).not.toBeNull();
    expect(await listOrderRefunds(db, o.orderId)).toEqual([expect.objectContaining({ amount: 15_000, status: "DONE", destination: "결제한 카드로 취소" })]);
  });

  it("two partial refunds by line and by amount, then the rest: balance, states and stock agree with Toss after each", async () => {
    const a = await createProduct({ price: 10_000, stock: 10 });
    const b = await createProduct({ price: 4_000, stock: 10 });
    const cartId = await createCart([{ productId: a.id, quantity: 2 }, { productId: b.id, quantity: 3 }]);
    const placed = await placeOrder(db, cartId, validCheckoutForm);
    if (!placed.ok) throw new Error(placed.message);
    const { orderId, amount } = placed.order;
    expect(amount).toBe(32_000);
    const { paymentKey } = await sandbox.authorize({ orderId, amount });
    await confirmOrderPayment(db, { paymentKey, orderId, amount, paymentType: "NORMAL" }, { provider: sandbox.provider, waitMs: 10_000, pollMs: 20 });
    const items = await db.select().from(orderItems).where(eq(orderItems.orderId, (await orderRow(orderId)).id));
    const lineA = items.find((i) => i.productId === a.id)!;

    // 1: one unit of A, amount computed from the line, restocked.
    const one = await refundOrder(db, owner, request(orderId, { expectedBalance: 32_000, lines: [{ orderItemId: lineA.id, quantity: 1 }] }), { provider: sandbox.provider });
    expect(one).toEqual({ ok: true, status: "DONE", orderStatus: "PARTIAL_CANCELED", balanceAmount: 22_000 });
    expect([await stockOf(a.id), await stockOf(b.id)]).toEqual([9, 7]);
    // 2: a goodwill 2,000 without lines: no restock.
    const two = await refundOrder(db, owner, request(orderId, { expectedBalance: 22_000, amount: 2_000, reason: "배송 지연 보상" }), { provider: sandbox.provider });
    expect(two).toMatchObject({ ok: true, orderStatus: "PARTIAL_CANCELED", balanceAmount: 20_000 });
    expect([await stockOf(a.id), await stockOf(b.id)]).toEqual([9, 7]);
    expect((await sandboxView(paymentKey)).payment).toMatchObject({ status: "PARTIAL_CANCELED", balanceAmount: 20_000 });
    // 3: the rest: every unit not yet restocked comes back, once.
    const rest = await refundOrder(db, owner, request(orderId, { expectedBalance: 20_000, amount: 20_000 }), { provider: sandbox.provider });
    expect(rest).toMatchObject({ ok: true, orderStatus: "CANCELED", balanceAmount: 0 });
    expect([await stockOf(a.id), await stockOf(b.id)]).toEqual([10, 10]);
    expect((await sandboxView(paymentKey)).payment).toMatchObject({ status: "CANCELED", balanceAmount: 0 });
    expect((await cancelRows(orderId)).map((r) => [r.status, r.amount])).toEqual([["DONE", 10_000], ["DONE", 2_000], ["DONE", 20_000]]);
    expect((await eventsOf(orderId)).filter((e) => e.type.endsWith("REFUNDED")).map((e) => `${e.fromStatus}→${e.toStatus}`)).toEqual([
      "PAID→PARTIAL_CANCELED",
      "PARTIAL_CANCELED→PARTIAL_CANCELED",
      "PARTIAL_CANCELED→CANCELED",
    ]);
    expect((await listOrderRefunds(db, orderId)).map((r) => r.amount)).toEqual([10_000, 2_000, 20_000]);
  });

  it("refuses before any call: above the balance, a stale balance, a bad reason, a staff account", async () => {
    const o = await paidOrder();
    const cases: [AdminActor, RefundRequest, string][] = [
      [owner, request(o.orderId, { expectedBalance: 15_000, amount: 15_001 }), "환불 금액은 1원 이상 15,000원 이하로 입력해 주세요"],
      [owner, request(o.orderId, { expectedBalance: 15_000, amount: 0 }), "환불 금액은 1원 이상 15,000원 이하로 입력해 주세요"],
      [owner, request(o.orderId, { expectedBalance: 20_000, amount: 1_000 }), "잔액이 15,000원으로 바뀌었어요. 새로 고친 뒤 다시 시도해 주세요"],
      [owner, request(o.orderId, { expectedBalance: 15_000, amount: 1_000, reason: "  " }), "입력한 내용을 확인해 주세요"],
      [owner, request(o.orderId, { expectedBalance: 15_000, amount: 1_000, reason: "가".repeat(201) }), "입력한 내용을 확인해 주세요"],
      [{ email: "staff@jangteo.test", role: "staff" }, request(o.orderId, { expectedBalance: 15_000, amount: 1_000 }), "환불은 소유자 계정만 할 수 있어요"],
    ];
    for (const [actor, input, message] of cases) expect(await refundOrder(db, actor, input, { provider: sandbox.provider })).toMatchObject({ ok: false, message });
    expect(await refundOrder(db, owner, request(o.orderId, { expectedBalance: 15_000, amount: 1_000, reason: "" }), { provider: sandbox.provider })).toMatchObject({ fieldErrors: { reason: "환불 사유를 입력해 주세요" } });
    expect((await sandboxView(o.paymentKey)).sandbox.calls.cancel.total).toBe(0);
    expect(await cancelRows(o.orderId)).toEqual([]);
    expect((await orderRow(o.orderId)).status).toBe("PAID");
  });

  it("a unit refunded without restock stays out of stock when the rest is refunded with restock", async () => {
    const o = await paidOrder({ quantity: 2 });
    expect(await stockOf(o.product.id)).toBe(8);
    const [line] = await db.select().from(orderItems).where(eq(orderItems.orderId, (await orderRow(o.orderId)).id));
    expect(await refundOrder(db, owner, request(o.orderId, { expectedBalance: 15_000, lines: [{ orderItemId: line!.id, quantity: 1 }], restock: false }), { provider: sandbox.provider })).toMatchObject({ ok: true, balanceAmount: 7_500 });
    expect(await stockOf(o.product.id)).toBe(8);
    // The same unit cannot be refunded twice by line.
    expect(await refundOrder(db, owner, request(o.orderId, { expectedBalance: 7_500, lines: [{ orderItemId: line!.id, quantity: 2 }] }), { provider: sandbox.provider })).toMatchObject({
      ok: false,
      message: `${line!.productName}: 1개는 이미 환불해서 1개까지 환불할 수 있어요`,
    });
    expect(await refundOrder(db, owner, request(o.orderId, { expectedBalance: 7_500, amount: 7_500, restock: true }), { provider: sandbox.provider })).toMatchObject({ ok: true, orderStatus: "CANCELED" });
    expect(await stockOf(o.product.id)).toBe(9);
    const [after] = await db.select().from(orderItems).where(eq(orderItems.id, line!.id));
    expect(after).toMatchObject({ refundedQuantity: 2, restockedQuantity: 1 });
  });

  it("refuses a request key already used for another order's refund, and calls Toss for nothing", async () => {
    const x = await paidOrder();
    const y = await paidOrder();
    const key = `refund_${randomUUID()}`;
    expect(await refundOrder(db, owner, { ...request(x.orderId, { expectedBalance: 15_000, amount: 15_000 }), idempotencyKey: key }, { provider: sandbox.provider })).toMatchObject({ ok: true, orderStatus: "CANCELED" });
    const reused = await refundOrder(db, owner, { ...request(y.orderId, { expectedBalance: 15_000, amount: 15_000 }), idempotencyKey: key }, { provider: sandbox.provider });
    expect(reused).toEqual({ ok: false, message: "이 환불 요청 키는 다른 주문에 쓰였어요. 창을 새로 열어 다시 시도해 주세요" });
    expect((await orderRow(y.orderId)).status).toBe("PAID");
    expect((await sandboxView(y.paymentKey)).sandbox.calls.cancel.total).toBe(0);
    expect(await cancelRows(y.orderId)).toEqual([]);
  });

  it.skipIf(!onPostgres)("on PostgreSQL, one request key sent for two orders at once refunds one of them and refuses the other, 5 rounds", async () => {
    // Warm the pool, so the two requests really start together.
    await Promise.all(Array.from({ length: 6 }, () => db.transaction((tx) => tx.execute(sql`select 1`))));
    for (let round = 0; round < 5; round++) {
      const x = await paidOrder();
      const y = await paidOrder();
      const key = `refund_${randomUUID()}`;
      const results = await Promise.all(
        [x, y].map((o) => refundOrder(db, owner, { ...request(o.orderId, { expectedBalance: 15_000, amount: 15_000 }), idempotencyKey: key }, { provider: sandbox.provider })),
      );
      const refunded = results.filter((r) => r.ok);
      const refused = results.filter((r) => !r.ok);
      expect(refunded, `round ${round}`).toHaveLength(1);
      expect(refused, `round ${round}`).toEqual([{ ok: false, message: "이 환불 요청 키는 다른 주문에 쓰였어요. 창을 새로 열어 다시 시도해 주세요" }]);
      const statuses = [(await orderRow(x.orderId)).status, (await orderRow(y.orderId)).status].sort();
      expect(statuses, `round ${round}`).toEqual(["CANCELED", "PAID"]);
      const calls = (await sandboxView(x.paymentKey)).sandbox.calls.cancel.total + (await sandboxView(y.paymentKey)).sandbox.calls.cancel.total;
      expect(calls, `round ${round}`).toBe(1);
    }
  });

  it("a refund that restocks a sold-out product expires its cached pages once it commits", async () => {
    const holder = globalThis as { __incrementalCache?: unknown };
    const expired: string[][] = [];
    // Next's page cache, as its server hands it to code that runs outside a request's scope.
    holder.__incrementalCache = { revalidateTag: async (tags: string[]) => void expired.push(tags) };
    try {
      const placed = await createPendingOrder({ price: 7_500, quantity: 2, stock: 2 });
      const { paymentKey } = await sandbox.authorize({ orderId: placed.order.orderId, amount: placed.order.amount });
      await confirmOrderPayment(db, { paymentKey, orderId: placed.order.orderId, amount: placed.order.amount, paymentType: "NORMAL" }, { provider: sandbox.provider, waitMs: 10_000, pollMs: 20 });
      expect(await stockOf(placed.product.id)).toBe(0);
      expired.length = 0;
      await refundOrder(db, owner, request(placed.order.orderId, { expectedBalance: 15_000, amount: 15_000 }), { provider: sandbox.provider });
      expect(await stockOf(placed.product.id)).toBe(2);
      expect(expired.flat()).toEqual(expect.arrayContaining([cacheTags.catalog, cacheTags.product(placed.product.slug)]));
    } finally {
      holder.__incrementalCache = undefined;
    }
  });

  it("a double submit of the same refund makes one cancel at Toss", async () => {
    const o = await paidOrder();
    const input = request(o.orderId, { expectedBalance: 15_000, amount: 5_000 });
    const results = await Promise.all([refundOrder(db, owner, input, { provider: sandbox.provider }), refundOrder(db, owner, input, { provider: sandbox.provider })]);
    expect(results.filter((r) => r.ok && r.status === "DONE")).not.toHaveLength(0);
    const again = await refundOrder(db, owner, input, { provider: sandbox.provider });
    expect(again).toEqual({ ok: true, status: "DONE", orderStatus: "PARTIAL_CANCELED", balanceAmount: 10_000 });
    expect((await sandboxView(o.paymentKey)).sandbox.calls.cancel.executed).toBe(1);
    expect((await sandboxView(o.paymentKey)).payment.balanceAmount).toBe(10_000);
    expect(await cancelRows(o.orderId)).toHaveLength(1);
  });

  it.skipIf(connection().kind !== "postgres")("two owners refunding the same balance at once: exactly one succeeds (PostgreSQL, 20 rounds)", async () => {
    for (let round = 0; round < 20; round++) {
      const o = await paidOrder({ quantity: 2 });
      const results = await Promise.all([
        refundOrder(db, owner, request(o.orderId, { expectedBalance: 15_000, amount: 6_000 }), { provider: sandbox.provider }),
        refundOrder(db, otherOwner, request(o.orderId, { expectedBalance: 15_000, amount: 7_000 }), { provider: sandbox.provider }),
      ]);
      const won = results.filter((r) => r.ok);
      expect(won, `round ${round}: ${JSON.stringify(results)}`).toHaveLength(1);
      const lost = results.find((r) => !r.ok);
      // The loser is refused either by Toss (stale refundableAmount) or, if it read after the winner, before its call.
      expect(lost).toBeDefined();
      const payment = (await sandboxView(o.paymentKey)).payment;
      expect(payment.cancels).toHaveLength(1);
      const rows = await cancelRows(o.orderId);
      expect(rows.filter((r) => r.status === "DONE")).toHaveLength(1);
      expect(rows.filter((r) => r.status === "REQUESTED")).toHaveLength(0);
      const [stored] = await db.select().from(payments).where(eq(payments.paymentKey, o.paymentKey));
      expect(stored!.balanceAmount).toBe(payment.balanceAmount);
    }
  });

  it("a deposited virtual account needs a refund account; with one, the refund goes there", async () => {
    const o = await paidOrder({ method: "가상계좌" });
    expect(await getRefundOptions(db, o.orderId)).toMatchObject({ balance: 15_000, needsRefundAccount: true, partialAllowed: true });
    const without = await refundOrder(db, owner, request(o.orderId, { expectedBalance: 15_000, amount: 5_000 }), { provider: sandbox.provider });
    expect(without).toMatchObject({ ok: false, fieldErrors: { refundAccount: "환불 받을 계좌를 입력해 주세요" } });
    const badBank = await refundOrder(db, owner, request(o.orderId, { expectedBalance: 15_000, amount: 5_000, refundAccount: { ...account, bank: "99" } }), { provider: sandbox.provider });
    expect(badBank).toMatchObject({ ok: false, fieldErrors: { "refundAccount.bank": "은행을 선택해 주세요" } });
    expect((await sandboxView(o.paymentKey)).sandbox.calls.cancel.total).toBe(0);
    const ok = await refundOrder(db, owner, request(o.orderId, { expectedBalance: 15_000, amount: 5_000, refundAccount: account }), { provider: sandbox.provider });
    expect(ok).toMatchObject({ ok: true, status: "DONE", orderStatus: "PARTIAL_CANCELED", balanceAmount: 10_000 });
    const [row] = await cancelRows(o.orderId);
    expect(row).toMatchObject({ refundStatus: "COMPLETED", refundAccount: { bankCode: "88", accountNumberMasked: "********6789", holderName: "김토스" } });
    expect(await listOrderRefunds(db, o.orderId)).toEqual([expect.objectContaining({ amount: 5_000, destination: "환불 계좌 신한은행 ********6789 (김토스)", transfer: "COMPLETED" })]);
  });

  it("a virtual account not yet paid into: only cancelled outright, with its reservation given back once", async () => {
    const o = await paidOrder({ method: "가상계좌", deposit: false, quantity: 3 });
    expect((await orderRow(o.orderId)).status).toBe("WAITING_FOR_DEPOSIT");
    expect(await getRefundOptions(db, o.orderId)).toMatchObject({ balance: 22_500, fullCancelOnly: true, partialAllowed: false, needsRefundAccount: false });
    expect(await refundOrder(db, owner, request(o.orderId, { expectedBalance: 22_500, amount: 1_000 }), { provider: sandbox.provider })).toMatchObject({
      ok: false,
      message: "입금 전 가상계좌는 전액 취소만 할 수 있어요",
    });
    const r = await refundOrder(db, owner, request(o.orderId, { expectedBalance: 22_500, amount: 22_500 }), { provider: sandbox.provider });
    expect(r).toMatchObject({ ok: true, orderStatus: "CANCELED" });
    expect(await stockOf(o.product.id)).toBe(10);
    await deliverWebhooks(o.paymentKey);
    expect(await stockOf(o.product.id)).toBe(10);
  });

  it("a refund Toss refuses is FAILED with Toss's message and changes nothing else", async () => {
    const o = await paidOrder();
    await sandbox.control("POST", `/payments/${o.paymentKey}/script`, { cancel: [{ code: "REFUND_REJECTED", status: 400, message: "환불이 거절됐습니다." }] });
    const r = await refundOrder(db, owner, request(o.orderId, { expectedBalance: 15_000, amount: 15_000 }), { provider: sandbox.provider });
    expect(r).toEqual({ ok: false, code: "REFUND_REJECTED", message: "토스페이먼츠가 환불을 거절했어요: 환불이 거절됐습니다." });
    expect(await cancelRows(o.orderId)).toEqual([expect.objectContaining({ status: "FAILED", failureCode: "REFUND_REJECTED" })]);
    expect((await orderRow(o.orderId)).status).toBe("PAID");
    expect(await stockOf(o.product.id)).toBe(8);
  });

  it("a timed-out refund stays pending, and the sweeper's settlePendingRefunds applies it once Toss shows it", async () => {
    const o = await paidOrder();
    await sandbox.control("POST", `/payments/${o.paymentKey}/script`, { cancel: [{ delayMs: 600 }] });
    const impatient = sandbox.providerWith({ timeoutMs: 100, deadlineMs: 150, retry: { retries: 0, minDelayMs: 1, maxDelayMs: 1 } });
    const r = await refundOrder(db, owner, request(o.orderId, { expectedBalance: 15_000, amount: 15_000 }), { provider: impatient });
    expect(r).toMatchObject({ ok: true, status: "PENDING" });
    expect(await cancelRows(o.orderId)).toEqual([expect.objectContaining({ status: "REQUESTED" })]);
    expect((await orderRow(o.orderId)).status).toBe("PAID");
    // The slow cancel completes at Toss.
    await vi.waitFor(async () => expect((await sandboxView(o.paymentKey)).sandbox.calls.cancel.succeeded).toBe(1), { timeout: 10_000, interval: 50 });
    expect(await settlePendingRefunds(db, { provider: sandbox.provider, afterMs: 0 })).toBeGreaterThanOrEqual(1);
    expect(await cancelRows(o.orderId)).toEqual([expect.objectContaining({ status: "DONE" })]);
    expect((await orderRow(o.orderId)).status).toBe("CANCELED");
    expect(await stockOf(o.product.id)).toBe(10);
  });
});

describe("webhooks and Toss's dashboard agree with refunds", () => {
  it("a refund then its webhooks: no change, no duplicate row, no second restock", async () => {
    const o = await paidOrder({ quantity: 2 });
    await deliverWebhooks(o.paymentKey);
    await refundOrder(db, owner, request(o.orderId, { expectedBalance: 15_000, amount: 7_500, lines: [] , restock: true }), { provider: sandbox.provider });
    await refundOrder(db, owner, request(o.orderId, { expectedBalance: 7_500, amount: 7_500 }), { provider: sandbox.provider });
    const before = { events: (await eventsOf(o.orderId)).length, stock: await stockOf(o.product.id), rows: await cancelRows(o.orderId) };
    expect(before.stock).toBe(10);
    const answers = await deliverWebhooks(o.paymentKey);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(answers.every((a) => a.outcome === "duplicate")).toBe(true);
    expect((await eventsOf(o.orderId)).length).toBe(before.events);
    expect(await stockOf(o.product.id)).toBe(10);
    expect(await cancelRows(o.orderId)).toEqual(before.rows);
  });

  it("a webhook that lands before the refund call returns is applied once, to the owner's request", async () => {
    const o = await paidOrder({ quantity: 2 });
    await deliverWebhooks(o.paymentKey);
    // The store answers the cancel's webhook while its own refund call is still waiting for Toss.
    await sandbox.control("POST", `/payments/${o.paymentKey}/script`, { cancel: [{ delayMs: 400 }] });
    const refund = refundOrder(db, owner, request(o.orderId, { expectedBalance: 15_000, amount: 15_000 }), { provider: sandbox.provider });
    await vi.waitFor(
      async () => {
        const { deliveries } = await sandbox.control<{ deliveries: SandboxDelivery[] }>("GET", `/webhooks?paymentKey=${o.paymentKey}`);
        expect(deliveries.some((d) => !handed.has(d.id)), "a webhook of the cancel, not yet handed to the store").toBe(true);
      },
      { timeout: 10_000, interval: 20 },
    );
    await deliverWebhooks(o.paymentKey);
    expect(await refund).toMatchObject({ ok: true, status: "DONE", orderStatus: "CANCELED" });
    expect(await cancelRows(o.orderId)).toEqual([expect.objectContaining({ status: "DONE", source: "admin", requestedBy: "admin:owner@jangteo.test" })]);
    expect(await stockOf(o.product.id)).toBe(10);
    expect((await eventsOf(o.orderId)).filter((e) => e.toStatus === "CANCELED")).toHaveLength(1);
  });

  it("cancels made in Toss's dashboard: the webhook brings the order along; a partial one leaves stock, the full one restocks the rest", async () => {
    const o = await paidOrder({ quantity: 2 });
    await deliverWebhooks(o.paymentKey);
    await sandbox.control("POST", `/payments/${o.paymentKey}/cancel`, { cancelAmount: 5_000, cancelReason: "대시보드 부분 취소" });
    expect((await deliverWebhooks(o.paymentKey)).map((a) => a.outcome)).toEqual(["processed"]);
    expect((await orderRow(o.orderId)).status).toBe("PARTIAL_CANCELED");
    expect(await stockOf(o.product.id)).toBe(8);
    expect(await cancelRows(o.orderId)).toEqual([expect.objectContaining({ status: "DONE", source: "toss", amount: 5_000, reason: "대시보드 부분 취소" })]);

    await sandbox.control("POST", `/payments/${o.paymentKey}/cancel`, {});
    // A second unauthenticated hint inside the order's read window is sent back (503) for Toss to
    // retry; Toss's retry comes a minute later, when the window is over.
    const { deliveries: before } = await sandbox.control<{ deliveries: SandboxDelivery[] }>("GET", `/webhooks?paymentKey=${o.paymentKey}`);
    expect((await deliverWebhooks(o.paymentKey)).map((a) => a.outcome)).toEqual(["retry"]);
    expect((await orderRow(o.orderId)).status).toBe("PARTIAL_CANCELED");
    await db.update(orders).set({ paymentReadAt: new Date(Date.now() - 60_000) }).where(eq(orders.orderId, o.orderId));
    for (const d of before) handed.delete(d.id);
    for (const d of before.slice(0, -1)) handed.add(d.id);
    expect((await deliverWebhooks(o.paymentKey)).map((a) => a.outcome)).toEqual(["processed"]);
    expect((await orderRow(o.orderId)).status).toBe("CANCELED");
    expect(await stockOf(o.product.id)).toBe(10);
    const [stored] = await db.select().from(payments).where(eq(payments.paymentKey, o.paymentKey));
    expect(stored).toMatchObject({ providerStatus: "CANCELED", balanceAmount: 0 });
    // Toss delivers again: nothing moves.
    const { deliveries } = await sandbox.control<{ deliveries: SandboxDelivery[] }>("GET", `/webhooks?paymentKey=${o.paymentKey}`);
    const last = deliveries.at(-1)!;
    await POST(new Request("http://localhost/api/webhooks/toss", { method: "POST", headers: { "content-type": "application/json", "tosspayments-webhook-transmission-id": `${last.id}_again` }, body: JSON.stringify(last.body) }));
    expect(await stockOf(o.product.id)).toBe(10);
    expect(await cancelRows(o.orderId)).toHaveLength(2);
  });

  it("a second partial cancel made in Toss's dashboard under an unchanged PARTIAL_CANCELED status reaches the store, 3 rounds", async () => {
    for (let round = 0; round < 3; round++) {
      const o = await paidOrder({ quantity: 4 });
      await deliverWebhooks(o.paymentKey);
      expect(await refundOrder(db, owner, request(o.orderId, { expectedBalance: 30_000, amount: 10_000 }), { provider: sandbox.provider })).toMatchObject({ ok: true, orderStatus: "PARTIAL_CANCELED", balanceAmount: 20_000 });
      // The refund's own status change shows what the store already holds.
      expect((await deliverWebhooks(o.paymentKey)).map((a) => a.outcome)).toEqual(["duplicate"]);

      // 11 s later (past the hint's read window) a second 10,000원 is cancelled in Toss's dashboard.
      await db.update(orders).set({ paymentReadAt: new Date(Date.now() - 11_000) }).where(eq(orders.orderId, o.orderId));
      await sandbox.control("POST", `/payments/${o.paymentKey}/cancel`, { cancelAmount: 10_000, cancelReason: "대시보드 부분 취소" });
      expect((await sandboxView(o.paymentKey)).payment).toMatchObject({ status: "PARTIAL_CANCELED", balanceAmount: 10_000 });
      expect((await deliverWebhooks(o.paymentKey)).map((a) => a.outcome)).toEqual(["processed"]);
      const [stored] = await db.select().from(payments).where(eq(payments.paymentKey, o.paymentKey));
      expect(stored).toMatchObject({ providerStatus: "PARTIAL_CANCELED", balanceAmount: 10_000 });
      expect((await cancelRows(o.orderId)).map((c) => [c.source, c.amount, c.status])).toEqual([
        ["admin", 10_000, "DONE"],
        ["toss", 10_000, "DONE"],
      ]);

      // The owner's next refund starts from the balance Toss has, and Toss takes it.
      expect(await refundOrder(db, owner, request(o.orderId, { expectedBalance: 10_000, amount: 10_000 }), { provider: sandbox.provider })).toMatchObject({ ok: true, orderStatus: "CANCELED", balanceAmount: 0 });
    }
  });

  it("a refund to a refund account that fails later is flagged for the owner", async () => {
    const o = await paidOrder({ method: "가상계좌" });
    await deliverWebhooks(o.paymentKey);
    await sandbox.control("POST", `/virtual-accounts/${o.orderId}/refund-mode`, { mode: "PENDING" });
    const r = await refundOrder(db, owner, request(o.orderId, { expectedBalance: 15_000, amount: 15_000, refundAccount: account }), { provider: sandbox.provider });
    expect(r).toMatchObject({ ok: true, orderStatus: "CANCELED" });
    expect((await listOrderRefunds(db, o.orderId))[0]).toMatchObject({ transfer: "PENDING" });
    // The cancel's own webhooks arrive first; the bank's answer later, under the same payment status.
    await deliverWebhooks(o.paymentKey);
    await db.update(orders).set({ paymentReadAt: null }).where(eq(orders.orderId, o.orderId));
    await sandbox.control("POST", `/virtual-accounts/${o.orderId}/refund-result`, { result: "FAILED" });
    await deliverWebhooks(o.paymentKey);
    expect((await listOrderRefunds(db, o.orderId))[0]).toMatchObject({ transfer: "FAILED" });
    const conflicts = await db.select().from(paymentConflicts).where(and(eq(paymentConflicts.orderId, o.orderId), eq(paymentConflicts.kind, "REFUND_FAILED")));
    expect(conflicts).toHaveLength(1);
    expect((await eventsOf(o.orderId)).filter((e) => e.type === "REFUND_TRANSFER_FAILED")).toHaveLength(1);
    await deliverWebhooks(o.paymentKey);
    expect(await db.select().from(paymentConflicts).where(eq(paymentConflicts.orderId, o.orderId))).toHaveLength(1);
  });
});
