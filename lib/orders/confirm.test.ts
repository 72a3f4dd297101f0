import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { cartItems, orderEvents, orders, paymentConflicts, payments, products } from "@/db/schema";
import { createPendingOrder } from "@/lib/testing/factories";
import { startTestSandbox, type TestSandbox } from "@/lib/testing/sandbox";
import { confirmOrderPayment, successQuerySchema, type ConfirmDeps } from "./confirm";
import { confirmIdempotencyKey } from "./confirm-payment";
import { sweepOrders } from "./sweep";

// PGlite runs one transaction at a time, so races can only be shown on PostgreSQL.
const onPostgres = Boolean(process.env.DATABASE_URL);

let sandbox: TestSandbox;
let deps: ConfirmDeps;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  deps = { provider: sandbox.provider, waitMs: 10_000, pollMs: 20 };
});
afterAll(() => sandbox.close());

type Counters = { total: number; executed: number; replayed: number; inFlightRejected: number; succeeded: number };
const confirmCalls = async (paymentKey: string) =>
  (await sandbox.control<{ sandbox: { calls: { confirm: Counters } } }>("GET", `/payments/${paymentKey}`)).sandbox.calls.confirm;

async function orderRow(orderId: string) {
  const [row] = await db.select().from(orders).where(eq(orders.orderId, orderId));
  return row!;
}
async function eventsOf(orderId: string) {
  const order = await orderRow(orderId);
  return db.select().from(orderEvents).where(eq(orderEvents.orderId, order.id)).orderBy(asc(orderEvents.id));
}
async function stockOf(productId: number) {
  const [row] = await db.select({ stock: products.stock }).from(products).where(eq(products.id, productId));
  return row!.stock;
}
async function cartSize(cartId: string) {
  return (await db.select().from(cartItems).where(eq(cartItems.cartId, cartId))).length;
}

/** A PENDING order of 2 units (stock 10 → 8) and a payment the shopper approved in the window. */
async function authorizedOrder(method: "카드" | "가상계좌" = "카드") {
  const placed = await createPendingOrder({ price: 7_500, quantity: 2, stock: 10 });
  const { paymentKey } = await sandbox.authorize({ orderId: placed.order.orderId, amount: placed.order.amount, method, ...(method === "가상계좌" && { bankCode: "88" }) });
  const query = { paymentKey, orderId: placed.order.orderId, amount: placed.order.amount, paymentType: "NORMAL" as const };
  return { ...placed, paymentKey, query };
}

describe("successQuerySchema", () => {
  it("parses Toss's redirect and refuses anything else", () => {
    expect(successQuerySchema.parse({ paymentType: "NORMAL", orderId: "jt_abcdef", paymentKey: "tgen_1", amount: "15000" })).toEqual({
      paymentType: "NORMAL",
      orderId: "jt_abcdef",
      paymentKey: "tgen_1",
      amount: 15000,
    });
    for (const bad of [
      { orderId: "jt_abcdef", paymentKey: "k", amount: "1.5" },
      { orderId: "jt_abcdef", paymentKey: "k", amount: "-1" },
      { orderId: "a b", paymentKey: "k", amount: "100" },
      { orderId: "jt_abcdef", paymentKey: "", amount: "100" },
      { orderId: "jt_abcdef", paymentKey: "k", amount: "100", paymentType: "OTHER" },
      { orderId: "jt_abcdef", paymentKey: "\u0000", amount: "100" },
      { orderId: "jt_abcdef", paymentKey: "tgen_\ud800", amount: "100" },
      { orderId: "jt_abcdef", paymentKey: "k".repeat(1_000_000), amount: "100" },
    ]) {
      expect(successQuerySchema.safeParse(bad).success).toBe(false);
    }
  });
});

describe("confirmOrderPayment", () => {
  it("confirms a card payment with the stored amount: PAID, payment stored, cart emptied, events written", async () => {
    const { order, cartId, product, paymentKey, query } = await authorizedOrder();
    expect(await confirmOrderPayment(db, query, deps)).toEqual({ kind: "order", orderId: order.orderId });

    const row = await orderRow(order.orderId);
    expect(row.status).toBe("PAID");
    expect(row.paymentKey).toBe(paymentKey);
    expect(row.paidAt).not.toBeNull();
    const [payment] = await db.select().from(payments).where(eq(payments.paymentKey, paymentKey));
    expect(payment).toMatchObject({ method: "카드", totalAmount: 15_000, balanceAmount: 15_000, orderId: row.id });
    expect(payment!.secret).toMatch(/^ps_/);
    expect((payment!.raw as { paymentKey: string }).paymentKey).toBe(paymentKey);
    expect(await cartSize(cartId)).toBe(0);
    expect(await stockOf(product.id)).toBe(8);
    expect((await eventsOf(order.orderId)).map((e) => [e.type, e.toStatus])).toEqual([
      ["ORDER_PLACED", "PENDING"],
      ["CONFIRM_STARTED", "CONFIRMING"],
      ["PAYMENT_APPROVED", "PAID"],
    ]);
    expect(await confirmCalls(paymentKey)).toMatchObject({ total: 1, executed: 1, succeeded: 1 });
  });

  it("refuses a tampered amount without calling confirm, and logs both amounts", async () => {
    const { order, paymentKey, query } = await authorizedOrder();
    const result = await confirmOrderPayment(db, { ...query, amount: 100 }, deps);
    expect(result).toMatchObject({ kind: "fail", code: "AMOUNT_MISMATCH", orderId: order.orderId });
    expect((await orderRow(order.orderId)).status).toBe("PENDING");
    const refused = (await eventsOf(order.orderId)).find((e) => e.type === "CONFIRM_REFUSED_AMOUNT_MISMATCH");
    expect(refused?.data).toMatchObject({ requestedAmount: 100, storedAmount: 15_000, suspectedTampering: true });
    expect((await confirmCalls(paymentKey)).total).toBe(0);
  });

  it("refuses an unknown order without calling confirm", async () => {
    const { paymentKey } = await sandbox.authorize({ amount: 15_000 });
    const result = await confirmOrderPayment(db, { paymentKey, orderId: "jt_nosuchorder", amount: 15_000, paymentType: "NORMAL" }, deps);
    expect(result).toMatchObject({ kind: "fail", code: "UNKNOWN_ORDER" });
    expect((await confirmCalls(paymentKey)).total).toBe(0);
  });

  it("treats a refresh as harmless and refuses another paymentKey for a paid order", async () => {
    const { order, paymentKey, query } = await authorizedOrder();
    await confirmOrderPayment(db, query, deps);
    expect(await confirmOrderPayment(db, query, deps)).toEqual({ kind: "order", orderId: order.orderId });
    expect((await confirmCalls(paymentKey)).total).toBe(1);

    const other = await confirmOrderPayment(db, { ...query, paymentKey: "tgen_someoneelse" }, deps);
    expect(other).toMatchObject({ kind: "fail", code: "ALREADY_PROCESSED_ORDER" });
    expect((await orderRow(order.orderId)).status).toBe("PAID");
    expect((await eventsOf(order.orderId)).some((e) => e.type === "CONFIRM_REFUSED_OTHER_PAYMENT")).toBe(true);
  });

  it("lets exactly one of 20 simultaneous requests confirm; the others show the order", async () => {
    const { order, paymentKey, query } = await authorizedOrder();
    const results = await Promise.all(Array.from({ length: 20 }, () => confirmOrderPayment(db, query, deps)));
    expect(results).toEqual(Array.from({ length: 20 }, () => ({ kind: "order", orderId: order.orderId })));
    expect(await confirmCalls(paymentKey)).toMatchObject({ total: 1, executed: 1, succeeded: 1 });
    const transitions = (await eventsOf(order.orderId)).filter((e) => e.toStatus !== null).map((e) => e.toStatus);
    expect(transitions).toEqual(["PENDING", "CONFIRMING", "PAID"]);
  });

  it("fails the order and releases stock when the card company rejects", async () => {
    const { order, product, cartId, paymentKey, query } = await authorizedOrder();
    await sandbox.control("POST", `/payments/${paymentKey}/script`, { confirm: [{ code: "REJECT_CARD_COMPANY" }] });
    const result = await confirmOrderPayment(db, query, deps);
    expect(result).toMatchObject({ kind: "fail", code: "REJECT_CARD_COMPANY", orderId: order.orderId });
    expect((result as { message: string }).message).toBeTruthy();
    expect((await orderRow(order.orderId)).status).toBe("FAILED");
    expect(await stockOf(product.id)).toBe(10);
    expect(await cartSize(cartId)).toBe(1);
    // A refresh repeats the reason and never confirms again.
    expect(await confirmOrderPayment(db, query, deps)).toMatchObject({ kind: "fail", code: "REJECT_CARD_COMPANY" });
    expect((await confirmCalls(paymentKey)).total).toBe(1);
  });

  it("refuses a payment whose session expired before confirm and leaves the order as it was", async () => {
    const { order, product, paymentKey, query } = await authorizedOrder();
    await sandbox.control("POST", `/payments/${paymentKey}/expire`);
    const result = await confirmOrderPayment(db, query, deps);
    expect(result).toMatchObject({ kind: "fail", orderId: order.orderId });
    expect((await orderRow(order.orderId)).status).toBe("PENDING");
    expect(await stockOf(product.id)).toBe(8);
    expect((await confirmCalls(paymentKey)).total).toBe(0);
  });

  it("a junk paymentKey changes nothing on the order, and the genuine redirect still pays", async () => {
    const { order, product, paymentKey, query } = await authorizedOrder();
    const junk = await confirmOrderPayment(db, { ...query, paymentKey: "tgen_junk_0000000000" }, deps);
    expect(junk).toMatchObject({ kind: "fail", code: "PAYMENT_NOT_VERIFIED" });
    const row = await orderRow(order.orderId);
    expect(row).toMatchObject({ status: "PENDING", paymentKey: null });
    expect(await stockOf(product.id)).toBe(8);
    expect((await eventsOf(order.orderId)).map((e) => e.type)).toEqual(["ORDER_PLACED", "CONFIRM_REFUSED_UNVERIFIED"]);
    expect(await confirmOrderPayment(db, query, deps)).toEqual({ kind: "order", orderId: order.orderId });
    expect((await orderRow(order.orderId)).status).toBe("PAID");
    expect((await confirmCalls(paymentKey)).total).toBe(1);
  });

  it("the key of another paid payment of the same amount is refused before any claim", async () => {
    const { order, paymentKey, query } = await authorizedOrder();
    const other = await sandbox.authorize({ amount: order.amount });
    await sandbox.client.confirmPayment({ ...other }, { idempotencyKey: `other-${other.orderId}` });
    const foreign = await confirmOrderPayment(db, { ...query, paymentKey: other.paymentKey }, deps);
    expect(foreign).toMatchObject({ kind: "fail", code: "PAYMENT_NOT_VERIFIED" });
    expect(await orderRow(order.orderId)).toMatchObject({ status: "PENDING", paymentKey: null });
    expect(await confirmOrderPayment(db, query, deps)).toEqual({ kind: "order", orderId: order.orderId });
    expect((await confirmCalls(paymentKey)).total).toBe(1);
  });

  it.skipIf(!onPostgres)("on PostgreSQL, 10 simultaneous redirects make one CONFIRM_STARTED and one confirm, 20 rounds on a warm pool", async () => {
    await Promise.all(Array.from({ length: 10 }, () => db.transaction((tx) => tx.execute(sql`select 1`))));
    for (let round = 0; round < 20; round++) {
      const { order, paymentKey, query } = await authorizedOrder();
      const results = await Promise.all(Array.from({ length: 10 }, () => confirmOrderPayment(db, query, deps)));
      expect(results.every((r) => r.kind === "order"), `round ${round}`).toBe(true);
      expect((await eventsOf(order.orderId)).filter((e) => e.type === "CONFIRM_STARTED"), `round ${round}`).toHaveLength(1);
      expect((await confirmCalls(paymentKey)).total, `round ${round}`).toBe(1);
    }
  }, 180_000);

  it("recovers from a transient 5xx: Toss still shows the payment waiting, so a second round confirms it", async () => {
    const { order, paymentKey, query } = await authorizedOrder();
    await sandbox.control("POST", `/payments/${paymentKey}/script`, { confirm: [{ status: 500, code: "FAILED_INTERNAL_SYSTEM_PROCESSING" }] });
    expect(await confirmOrderPayment(db, query, deps)).toEqual({ kind: "order", orderId: order.orderId });
    expect((await orderRow(order.orderId)).status).toBe("PAID");
    // The first round's retries were replays of its stored answer; only two confirms ran.
    expect(await confirmCalls(paymentKey)).toMatchObject({ executed: 2, succeeded: 1 });
  });

  it("settles from the payment when Toss says it was already processed", async () => {
    const { order, paymentKey, query } = await authorizedOrder();
    await sandbox.provider.confirm({ reference: paymentKey, orderId: order.orderId, amount: order.amount }, { idempotencyKey: "another-instance" });
    expect(await confirmOrderPayment(db, query, deps)).toEqual({ kind: "order", orderId: order.orderId });
    expect((await orderRow(order.orderId)).status).toBe("PAID");
  });

  it("leaves a timed-out confirm CONFIRMING for the sweeper, which settles it from Toss", async () => {
    const { order, paymentKey, query } = await authorizedOrder();
    await sandbox.control("POST", `/payments/${paymentKey}/script`, { confirm: [{ delayMs: 1_500 }] });
    const impatient = { ...deps, provider: sandbox.providerWith({ timeoutMs: 200, deadlineMs: 600 }) };
    expect(await confirmOrderPayment(db, query, impatient)).toEqual({ kind: "confirming", orderId: order.orderId });
    expect((await orderRow(order.orderId)).status).toBe("CONFIRMING");
    // Others arriving now wait briefly, then show the "confirming" page.
    expect(await confirmOrderPayment(db, query, { ...deps, waitMs: 100 })).toEqual({ kind: "confirming", orderId: order.orderId });

    // The slow confirm completes at Toss.
    await vi.waitFor(async () => expect((await confirmCalls(paymentKey)).succeeded).toBe(1), { timeout: 10_000, interval: 50 });
    expect(await sweepOrders(db, { provider: sandbox.provider, now: new Date(Date.now() + 30_000) })).toMatchObject({ settledConfirming: 0 });
    const report = await sweepOrders(db, { provider: sandbox.provider, now: new Date(Date.now() + 2 * 60_000) });
    expect(report).toMatchObject({ settledConfirming: 1, errors: 0 });
    expect((await orderRow(order.orderId)).status).toBe("PAID");
    expect(await confirmOrderPayment(db, query, deps)).toEqual({ kind: "order", orderId: order.orderId });
    expect((await confirmCalls(paymentKey)).succeeded).toBe(1);
  });

  it("issues a virtual account: WAITING_FOR_DEPOSIT with the account, its due date and the webhook secret", async () => {
    const { order, cartId, paymentKey, query } = await authorizedOrder("가상계좌");
    expect(await confirmOrderPayment(db, query, deps)).toEqual({ kind: "order", orderId: order.orderId });
    expect((await orderRow(order.orderId)).status).toBe("WAITING_FOR_DEPOSIT");
    const [payment] = await db.select().from(payments).where(eq(payments.paymentKey, paymentKey));
    expect(payment).toMatchObject({ method: "가상계좌", virtualAccountBankCode: "88" });
    expect(payment!.virtualAccountNumber).toMatch(/^\d+$/);
    expect(payment!.virtualAccountDueDate).toBeInstanceOf(Date);
    expect(payment!.secret).toMatch(/^ps_/);
    expect(await cartSize(cartId)).toBe(0);
  });

  it("derives the Idempotency-Key from the order", () => {
    expect(confirmIdempotencyKey("jt_abc")).toBe("confirm-jt_abc");
    expect(confirmIdempotencyKey("jt_abc", 2)).toBe("confirm-jt_abc-2");
  });

  it("a Payment without the fields Toss may omit still pays the order", async () => {
    const { order, query } = await authorizedOrder();
    const sparse = sandbox.providerWith({ fetch: rewriting((p) => ({ ...omit(p, ["card", "mId", "version", "requestedAt", "isPartialCancelable", "cultureExpense", "country", "currency", "receipt", "checkout", "taxFreeAmount"]) })) });
    expect(await confirmOrderPayment(db, query, { ...deps, provider: sparse })).toEqual({ kind: "order", orderId: order.orderId });
    expect((await orderRow(order.orderId)).status).toBe("PAID");
  });

  it("a Payment that does not parse is kept raw (secret replaced) for the owner, once", async () => {
    const { order, query } = await authorizedOrder("가상계좌");
    const broken = sandbox.providerWith({ fetch: rewriting((p) => ({ ...p, balanceAmount: (p.balanceAmount as number) + 0.5 })) });
    expect(await confirmOrderPayment(db, query, { ...deps, provider: broken })).toMatchObject({ orderId: order.orderId });
    await sweepOrders(db, { provider: broken, now: new Date(Date.now() + 2 * 60_000) });
    await sweepOrders(db, { provider: broken, now: new Date(Date.now() + 4 * 60_000) });
    const conflicts = await db.select().from(paymentConflicts).where(eq(paymentConflicts.orderId, order.orderId));
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ kind: "UNPARSEABLE_PAYMENT" });
    expect(conflicts[0]!.raw).toContain("balanceAmount");
    expect(conflicts[0]!.raw).not.toMatch(/"secret":"ps_/);
  });
});

/** A fetch that hands the store Toss's answer with the Payment rewritten. */
function rewriting(change: (payment: Record<string, unknown>) => Record<string, unknown>): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const body = (await response.json()) as Record<string, unknown>;
    const rewritten = response.ok ? change(body) : body;
    return new Response(JSON.stringify(rewritten), { status: response.status, headers: { "content-type": "application/json" } });
  };
}

function omit(payment: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(payment).filter(([k]) => !keys.includes(k)));
}
