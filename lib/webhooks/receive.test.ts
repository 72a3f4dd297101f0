import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/webhooks/toss/route";
import { db, rowsOf, type Executor } from "@/db/client";
import { orderEvents, orders, payments, products, webhookDeliveries } from "@/db/schema";
import { settleOrderFromPayment } from "@/lib/orders/settle";
import { findOrderByOrderId, lockOrderByOrderId, transitionOrder } from "@/lib/orders/state";
import { createPendingOrder } from "@/lib/testing/factories";
import { startTestSandbox, type TestSandbox } from "@/lib/testing/sandbox";
import type { PaymentSnapshot } from "@/lib/payments";
import { listDeliveriesForOrder } from "./deliveries";
import { receivePaymentWebhook } from "./receive";

type SandboxDelivery = {
  id: string;
  eventType: string;
  body: unknown;
  status: string;
  orderId: string;
  attempts: { retriedCount: number; statusCode: number | null; manual: boolean }[];
};

const onPostgres = Boolean(process.env.DATABASE_URL);
let sandbox: TestSandbox;

beforeAll(async () => {
  // Deliveries stay in the sandbox (no endpoint) until a test hands them over itself.
  sandbox = await startTestSandbox();
  // The store's own Toss client (lib/toss tossClient) talks to this sandbox.
  process.env.SANDBOX_PORT = new URL(sandbox.url).port;
});
afterAll(() => sandbox?.close());

function post(body: string | object, headers: Record<string, string> = {}): Promise<Response> {
  return POST(
    new Request("http://localhost/api/webhooks/toss", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
}

const handed = new Set<string>();

/** The sandbox's deliveries for an order not yet handed to the endpoint, oldest first. */
async function pending(orderId: string, eventType?: string): Promise<SandboxDelivery[]> {
  const { deliveries } = await sandbox.control<{ deliveries: SandboxDelivery[] }>("GET", `/webhooks?orderId=${orderId}`);
  return deliveries.filter((d) => !handed.has(d.id) && (!eventType || d.eventType === eventType));
}

/** Hands one sandbox delivery to the endpoint the way Toss sends it. */
function deliver(d: SandboxDelivery, retriedCount = 0): Promise<Response> {
  handed.add(d.id);
  return post(d.body as object, {
    "tosspayments-webhook-transmission-id": d.id,
    "tosspayments-webhook-transmission-retried-count": String(retriedCount),
    "tosspayments-webhook-transmission-time": "2026-01-02T14:46:59+09:00",
  });
}

async function deliverAll(orderId: string, eventType?: string): Promise<Response[]> {
  const out: Response[] = [];
  for (const d of await pending(orderId, eventType)) out.push(await deliver(d));
  return out;
}

/** A placed order, authorized as a virtual account in the sandbox and claimed (PENDING → CONFIRMING). */
async function claimedVirtualAccountOrder(options: { quantity?: number } = {}) {
  const { order, product } = await createPendingOrder({ price: 15_000, quantity: options.quantity ?? 1, stock: 10 });
  const { paymentKey } = await sandbox.authorize({ orderId: order.orderId, amount: order.amount, method: "가상계좌" });
  const row = (await findOrderByOrderId(db, order.orderId))!;
  const claimed = await db.transaction((tx) => transitionOrder(tx, row, "CONFIRMING", { type: "CONFIRM_STARTED", actor: "shopper" }, { paymentKey }));
  expect(claimed).not.toBeNull();
  return { orderId: order.orderId, amount: order.amount, paymentKey, product };
}

async function storeConfirm(orderId: string, payment: PaymentSnapshot) {
  return db.transaction(async (tx) => settleOrderFromPayment(tx, (await lockOrderByOrderId(tx, orderId))!, payment, "toss"));
}

/** A virtual-account order as /success leaves it: WAITING_FOR_DEPOSIT with the secret stored. */
async function waitingOrder(options: { quantity?: number } = {}) {
  const claimed = await claimedVirtualAccountOrder(options);
  const payment = await sandbox.provider.confirm({ reference: claimed.paymentKey, orderId: claimed.orderId, amount: claimed.amount }, { idempotencyKey: `confirm-${claimed.orderId}` });
  await storeConfirm(claimed.orderId, payment);
  // The issue-time callbacks of the confirm: delivered and settled as no-ops.
  for (const res of await deliverAll(claimed.orderId)) expect(res.status).toBe(200);
  expect(await statusOf(claimed.orderId)).toBe("WAITING_FOR_DEPOSIT");
  return { ...claimed, secret: payment.webhookSecret! };
}

/** The bank: an hour passes (so callbacks are clearly newer than the order's last change), then it acts. */
async function bank(action: "deposit" | "deposit-error" | "cancel-deposit", orderId: string) {
  await sandbox.control("POST", "/clock/advance", { minutes: 60 });
  await sandbox.control("POST", `/virtual-accounts/${orderId}/${action}`, {});
}

/** Toss's two deliveries for a deposit into a waiting order: the status change and the callback. */
async function depositDeliveries(orderId: string) {
  await bank("deposit", orderId);
  const [statusChanged] = await pending(orderId, "PAYMENT_STATUS_CHANGED");
  const [callback] = await pending(orderId, "DEPOSIT_CALLBACK");
  return { statusChanged: statusChanged!, callback: callback! };
}

/** Marks the order's payment as read from Toss by a hint just now (what claimRead writes). */
function markHintRead(database: Executor, orderDbId: number) {
  return database.update(orders).set({ paymentReadAt: new Date() }).where(eq(orders.id, orderDbId));
}

/** Waits until `count` statements of this database wait on a lock; fails after `timeoutMs`. */
async function waitForLockWaiters(count: number, timeoutMs = 5_000) {
  await vi.waitFor(
    async () => {
      const rows = rowsOf<{ waiting: number }>(await db.execute(sql`select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`));
      expect(rows[0]!.waiting, `statements waiting on a lock (want ${count})`).toBeGreaterThanOrEqual(count);
    },
    { timeout: timeoutMs, interval: 10 },
  );
}

async function statusOf(orderId: string) {
  return (await findOrderByOrderId(db, orderId))!.status;
}

async function transitionsOf(orderId: string) {
  const order = (await findOrderByOrderId(db, orderId))!;
  return db
    .select({ type: orderEvents.type, from: orderEvents.fromStatus, to: orderEvents.toStatus, actor: orderEvents.actor })
    .from(orderEvents)
    .where(eq(orderEvents.orderId, order.id))
    .orderBy(asc(orderEvents.id))
    .then((rows) => rows.filter((r) => r.to !== null));
}

async function deliveriesOf(orderId: string) {
  return (await listDeliveriesForOrder(db, orderId)).reverse();
}

async function stockOf(productId: number) {
  const [row] = await db.select({ stock: products.stock }).from(products).where(eq(products.id, productId));
  return row!.stock;
}

function kstNow(offsetMs = 0): string {
  return new Date(Date.now() + offsetMs + 9 * 3_600_000).toISOString().replace("Z", "000");
}

describe("reading and recording deliveries", () => {
  it("answers 400 to malformed JSON and to an unknown shape, recording both and changing nothing", async () => {
    const bad = await post("{not json", { "tosspayments-webhook-transmission-id": "whtrans_bad_json" });
    expect(bad.status).toBe(400);
    const shapeless = await post({ hello: "world" }, { "tosspayments-webhook-transmission-id": "whtrans_bad_shape" });
    expect(shapeless.status).toBe(400);
    const rows = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.outcome, "invalid"));
    expect(rows.map((r) => r.transmissionId).sort()).toEqual(["whtrans_bad_json", "whtrans_bad_shape"]);
    expect(rows.find((r) => r.transmissionId === "whtrans_bad_json")).toMatchObject({ body: "{not json", httpStatus: 400, eventType: null });
    expect(rows.every((r) => r.processingMs !== null && r.processingMs >= 0)).toBe(true);
  });

  it("acknowledges event types the store does not use, as ignored", async () => {
    const res = await post({ eventType: "BILLING_DELETED", createdAt: kstNow(), data: { billingKey: "b", reason: "x" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, outcome: "ignored" });
    const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventType, "BILLING_DELETED"));
    expect(row).toMatchObject({ outcome: "ignored", httpStatus: 200 });
  });

  it("refuses a body over the size limit with 413 and records it", async () => {
    const huge = JSON.stringify({ eventType: "X", createdAt: kstNow(), data: "x".repeat(70 * 1024) });
    const res = await post(huge, { "tosspayments-webhook-transmission-id": "whtrans_huge" });
    expect(res.status).toBe(413);
    const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.transmissionId, "whtrans_huge"));
    expect(row).toMatchObject({ outcome: "invalid", httpStatus: 413 });
    expect(row!.body.length).toBeLessThanOrEqual(1024);
  });

  it("keeps Toss's headers and drops everything else", async () => {
    await post({ eventType: "SOMETHING_NEW", createdAt: kstNow(), data: {} }, {
      "tosspayments-webhook-transmission-id": "whtrans_headers",
      "tosspayments-webhook-transmission-retried-count": "3",
      cookie: "session=secret",
      authorization: "Basic c2VjcmV0",
    });
    const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.transmissionId, "whtrans_headers"));
    expect(row!.retriedCount).toBe(3);
    expect(Object.keys(row!.headers as object).sort()).toEqual(["content-type", "tosspayments-webhook-transmission-id", "tosspayments-webhook-transmission-retried-count"]);
  });

});

describe("DEPOSIT_CALLBACK", () => {
  it("a deposit makes the order PAID once, though Toss sends the callback and the status change", async () => {
    const o = await waitingOrder();
    await bank("deposit", o.orderId);
    const answers = await deliverAll(o.orderId);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);

    const order = (await findOrderByOrderId(db, o.orderId))!;
    expect(order.status).toBe("PAID");
    expect(order.paidAt).not.toBeNull();
    const [payment] = await db.select().from(payments).where(eq(payments.paymentKey, o.paymentKey));
    expect(payment!.providerStatus).toBe("DONE");
    const toPaid = (await transitionsOf(o.orderId)).filter((t) => t.to === "PAID");
    expect(toPaid).toEqual([{ type: "DEPOSIT_RECEIVED", from: "WAITING_FOR_DEPOSIT", to: "PAID", actor: "webhook" }]);

    // The admin's list: every delivery for the order, with what became of it.
    const list = await deliveriesOf(o.orderId);
    expect(list.slice(-2).map((d) => [d.eventType, d.outcome])).toEqual([
      ["DEPOSIT_CALLBACK", "processed"],
      ["PAYMENT_STATUS_CHANGED", "duplicate"],
    ]);
  });

  it("rejects a forged secret (403) and changes nothing", async () => {
    const o = await waitingOrder();
    const res = await post({ createdAt: kstNow(60_000), secret: "ps_forgedforgedforgedforgedfo", status: "DONE", transactionKey: "txrd_forged", orderId: o.orderId });
    expect(res.status).toBe(403);
    expect(await statusOf(o.orderId)).toBe("WAITING_FOR_DEPOSIT");
    const last = (await deliveriesOf(o.orderId)).at(-1)!;
    expect(last).toMatchObject({ eventType: "DEPOSIT_CALLBACK", outcome: "rejected", httpStatus: 403, outcomeDetail: "secret mismatch" });
    expect((await transitionsOf(o.orderId)).some((t) => t.to === "PAID")).toBe(false);
  });

  it("rejects a callback for an unknown order (404)", async () => {
    const res = await post({ createdAt: kstNow(), secret: "ps_whatever", status: "DONE", transactionKey: "tx", orderId: "order_nobody_knows" });
    expect(res.status).toBe(404);
    const [row] = await listDeliveriesForOrder(db, "order_nobody_knows");
    expect(row).toMatchObject({ outcome: "rejected", httpStatus: 404 });
  });

  it("treats five replays of one delivery as one: one transition, four duplicates", async () => {
    const o = await waitingOrder();
    await bank("deposit", o.orderId);
    const [callback] = await pending(o.orderId, "DEPOSIT_CALLBACK");
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await deliver(callback!, i));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await statusOf(o.orderId)).toBe("PAID");
    expect((await transitionsOf(o.orderId)).filter((t) => t.to === "PAID")).toHaveLength(1);
    const outcomes = (await deliveriesOf(o.orderId)).filter((d) => d.transmissionId === callback!.id).map((d) => d.outcome);
    expect(outcomes).toEqual(["processed", "duplicate", "duplicate", "duplicate", "duplicate"]);
  });

  it("applies the callback and the status change for one deposit once, even when they arrive together", async () => {
    const o = await waitingOrder();
    await bank("deposit", o.orderId);
    const both = await pending(o.orderId);
    expect(both).toHaveLength(2);
    const sent = [...both, ...both];
    const answers = await Promise.all(sent.map((d, i) => deliver(d, i)));
    const statuses = (eventType: string) => answers.filter((_, i) => sent[i]!.eventType === eventType).map((r) => r.status);
    expect(statuses("DEPOSIT_CALLBACK")).toEqual([200, 200]);
    // A status change is a hint: one read of Toss per order per 10 s, a copy past that is told to come again.
    expect(statuses("PAYMENT_STATUS_CHANGED").every((status) => status === 200 || status === 503)).toBe(true);
    expect(await statusOf(o.orderId)).toBe("PAID");
    expect((await transitionsOf(o.orderId)).filter((t) => t.to === "PAID")).toHaveLength(1);
  });

  it("settles the callback when the status change, sent with it, finds the order's hint read already taken", async () => {
    const o = await waitingOrder();
    // As the issue-time status change does when it overtakes /success; the deposit comes within the same 10 s.
    await markHintRead(db, (await findOrderByOrderId(db, o.orderId))!.id);
    const { statusChanged, callback } = await depositDeliveries(o.orderId);
    const [hint, deposit] = await Promise.all([deliver(statusChanged), deliver(callback)]);
    expect(hint.status).toBe(503);
    expect(deposit.status).toBe(200);
    expect(await statusOf(o.orderId)).toBe("PAID");
  });

  // On PostgreSQL a refused read claim returns at once, before the callback gets that far. Here
  // another server's claim is held open on the order's row, so the status change's claim waits
  // while the callback arrives, then finds the read taken: the moment at which a callback that
  // shared the hint's claim took its 503.
  it.skipIf(!onPostgres)("on PostgreSQL, settles the callback while the status change sent with it waits for another server's read claim, 10 rounds", async () => {
    for (let round = 0; round < 10; round++) {
      const o = await waitingOrder();
      const orderDbId = (await findOrderByOrderId(db, o.orderId))!.id;
      const { statusChanged, callback } = await depositDeliveries(o.orderId);
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let claimed!: () => void;
      const isClaimed = new Promise<void>((resolve) => (claimed = resolve));
      const otherServer = db.transaction(async (tx) => {
        await markHintRead(tx, orderDbId);
        claimed();
        await released;
      });
      await isClaimed;
      const hint = deliver(statusChanged);
      await waitForLockWaiters(1);
      const deposit = deliver(callback);
      // The callback's own settle then waits on the row too; a callback sharing the hint's claim never gets there.
      await waitForLockWaiters(2);
      release();
      await otherServer;
      expect((await hint).status).toBe(503);
      expect((await deposit).status).toBe(200);
      expect(await statusOf(o.orderId)).toBe("PAID");
    }
  });

  it("follows a deposit error back to WAITING_FOR_DEPOSIT, then the re-deposit to PAID", async () => {
    const o = await waitingOrder();
    await bank("deposit", o.orderId);
    await deliverAll(o.orderId);
    expect(await statusOf(o.orderId)).toBe("PAID");

    await bank("deposit-error", o.orderId);
    await deliverAll(o.orderId);
    const reverted = (await findOrderByOrderId(db, o.orderId))!;
    expect(reverted.status).toBe("WAITING_FOR_DEPOSIT");
    expect(reverted.paidAt).toBeNull();

    await bank("deposit", o.orderId);
    await deliverAll(o.orderId);
    expect(await statusOf(o.orderId)).toBe("PAID");
    expect((await transitionsOf(o.orderId)).map((t) => `${t.type}:${t.to}`).slice(-3)).toEqual([
      "DEPOSIT_RECEIVED:PAID",
      "DEPOSIT_REVERTED:WAITING_FOR_DEPOSIT",
      "DEPOSIT_RECEIVED:PAID",
    ]);
  });

  it("checks a late retry of an old callback against Toss instead of applying it", async () => {
    const o = await waitingOrder();
    await bank("deposit", o.orderId);
    const [depositCallback] = await pending(o.orderId, "DEPOSIT_CALLBACK");
    await deliverAll(o.orderId);
    await bank("deposit-error", o.orderId);
    await deliverAll(o.orderId);
    expect(await statusOf(o.orderId)).toBe("WAITING_FOR_DEPOSIT");

    // The deposit's callback again, under a new transmission id, from before the order's last change
    // (written in real time: the sandbox's clock has been moved ahead by the bank's hours).
    const stale = { ...(depositCallback!.body as object), createdAt: kstNow(-60_000) };
    const res = await post(stale, { "tosspayments-webhook-transmission-id": "whtrans_late_retry" });
    expect(res.status).toBe(200);
    expect(await statusOf(o.orderId)).toBe("WAITING_FOR_DEPOSIT");
    const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.transmissionId, "whtrans_late_retry"));
    expect(row!.outcome).toBe("duplicate");
    expect(row!.outcomeDetail).toContain("toss says WAITING_FOR_DEPOSIT");
  });

  it("cancels before the deposit: CANCELED, stock released", async () => {
    const o = await waitingOrder({ quantity: 2 });
    expect(await stockOf(o.product.id)).toBe(8);
    await bank("cancel-deposit", o.orderId);
    const answers = await deliverAll(o.orderId);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    const order = (await findOrderByOrderId(db, o.orderId))!;
    expect(order.status).toBe("CANCELED");
    expect(order.canceledAt).not.toBeNull();
    expect(await stockOf(o.product.id)).toBe(10);
    expect((await transitionsOf(o.orderId)).filter((t) => t.to === "CANCELED")).toHaveLength(1);
  });

  it("settles a callback that arrives before the confirm response is stored, by reading the payment from Toss", async () => {
    const o = await claimedVirtualAccountOrder();
    // Toss confirmed (and sent the issue-time callbacks), but /success has not stored the answer yet.
    const confirmed = await sandbox.provider.confirm({ reference: o.paymentKey, orderId: o.orderId, amount: o.amount }, { idempotencyKey: `confirm-${o.orderId}` });
    expect(await statusOf(o.orderId)).toBe("CONFIRMING");

    const [issued] = await pending(o.orderId, "DEPOSIT_CALLBACK");
    const res = await deliver(issued!);
    expect(res.status).toBe(200);
    expect(await statusOf(o.orderId)).toBe("WAITING_FOR_DEPOSIT");
    const [stored] = await db.select().from(payments).where(eq(payments.paymentKey, o.paymentKey));
    expect(stored!.secret).toBe(confirmed.webhookSecret);

    // /success stores its answer afterwards: nothing left to do.
    expect((await storeConfirm(o.orderId, confirmed)).changed).toBe(false);
    expect((await transitionsOf(o.orderId)).filter((t) => t.to === "WAITING_FOR_DEPOSIT")).toHaveLength(1);
  });

  it("settles a deposit that lands while the order is still CONFIRMING", async () => {
    const o = await claimedVirtualAccountOrder();
    await sandbox.provider.confirm({ reference: o.paymentKey, orderId: o.orderId, amount: o.amount }, { idempotencyKey: `confirm-${o.orderId}` });
    await bank("deposit", o.orderId);
    const deposit = (await pending(o.orderId, "DEPOSIT_CALLBACK")).at(-1)!;
    expect((await deliver(deposit)).status).toBe(200);
    const order = (await findOrderByOrderId(db, o.orderId))!;
    expect(order.status).toBe("PAID");
  });

  it("refuses a forged callback for a CONFIRMING order after checking Toss's secret", async () => {
    const o = await claimedVirtualAccountOrder();
    await sandbox.provider.confirm({ reference: o.paymentKey, orderId: o.orderId, amount: o.amount }, { idempotencyKey: `confirm-${o.orderId}` });
    const res = await post({ createdAt: kstNow(), secret: "ps_forged", status: "DONE", transactionKey: "tx", orderId: o.orderId });
    expect(res.status).toBe(403);
    expect(await statusOf(o.orderId)).toBe("CONFIRMING");
  });
});

describe("a burst past WEBHOOK_MAX_IN_FLIGHT", () => {
  it("answers the deliveries past the limit 503 at once, recording nothing, and settles them when Toss resends", async () => {
    const waiting = [];
    for (let i = 0; i < 5; i++) waiting.push(await waitingOrder());
    const callbacks = [];
    for (const o of waiting) {
      await bank("deposit", o.orderId);
      const [callback] = await pending(o.orderId, "DEPOSIT_CALLBACK");
      callbacks.push(callback!);
    }
    // The in-flight limit alone: PGlite's event-loop check would also turn deliveries away on a
    // busy machine, and how busy the machine is is not what this test is about.
    const send = (d: SandboxDelivery, retriedCount: number) =>
      receivePaymentWebhook(db, JSON.stringify(d.body), new Headers({ "tosspayments-webhook-transmission-id": d.id, "tosspayments-webhook-transmission-retried-count": String(retriedCount) }), { admission: { concurrency: 2, queue: 0, maxEventLoopDelayMs: undefined } });

    const answers = await Promise.all(callbacks.map((d) => send(d, 0)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 503, 503, 503]);
    expect(answers[2]!.body).toMatchObject({ ok: false, outcome: "retry" });
    expect(await Promise.all(waiting.map((o) => statusOf(o.orderId)))).toEqual(["PAID", "PAID", "WAITING_FOR_DEPOSIT", "WAITING_FOR_DEPOSIT", "WAITING_FOR_DEPOSIT"]);
    // Nothing of a turned-away delivery reached the database.
    for (const d of callbacks.slice(2)) expect((await deliveriesOf(d.orderId)).filter((row) => row.transmissionId === d.id)).toEqual([]);

    // Toss's resend a minute later, now within the limit.
    for (const d of callbacks.slice(2)) expect((await send(d, 1)).status).toBe(200);
    expect(await Promise.all(waiting.map((o) => statusOf(o.orderId)))).toEqual(["PAID", "PAID", "PAID", "PAID", "PAID"]);
  });
});

describe("PAYMENT_STATUS_CHANGED", () => {
  it("applies what Toss says, not what the body says", async () => {
    const o = await waitingOrder();
    const [payment] = await db.select().from(payments).where(eq(payments.paymentKey, o.paymentKey));
    const lie = { eventType: "PAYMENT_STATUS_CHANGED", createdAt: kstNow(), data: { ...(payment!.raw as object), status: "DONE", approvedAt: "2026-01-01T00:00:00+09:00" } };
    const res = await post(lie, { "tosspayments-webhook-transmission-id": "whtrans_lie" });
    expect(res.status).toBe(200);
    expect(await statusOf(o.orderId)).toBe("WAITING_FOR_DEPOSIT");
    const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.transmissionId, "whtrans_lie"));
    expect(row).toMatchObject({ outcome: "duplicate", orderId: o.orderId, paymentKey: o.paymentKey });
    expect(row!.outcomeDetail).toContain("toss says WAITING_FOR_DEPOSIT");
  });

  it("settles a status change alone (no callback) from the re-read", async () => {
    const o = await waitingOrder();
    await bank("deposit", o.orderId);
    const answers = await deliverAll(o.orderId, "PAYMENT_STATUS_CHANGED");
    expect(answers.map((r) => r.status)).toEqual([200]);
    expect(await statusOf(o.orderId)).toBe("PAID");
  });

  it("records and ignores payments the store does not know", async () => {
    const res = await post({ eventType: "PAYMENT_STATUS_CHANGED", createdAt: kstNow(), data: { paymentKey: "tviva_unknown_key", orderId: "order_unknown_1", status: "DONE" } });
    expect(res.status).toBe(200);
    const [row] = await listDeliveriesForOrder(db, "order_unknown_1");
    expect(row).toMatchObject({ outcome: "ignored", outcomeDetail: "unknown payment" });
  });

  it("ignores a body naming a known order with another paymentKey", async () => {
    const o = await waitingOrder();
    const res = await post({ eventType: "PAYMENT_STATUS_CHANGED", createdAt: kstNow(), data: { paymentKey: "tviva_other_key", orderId: o.orderId, status: "CANCELED" } });
    expect(res.status).toBe(200);
    expect(await statusOf(o.orderId)).toBe("WAITING_FOR_DEPOSIT");
  });
});

describe("delivered by the sandbox over HTTP", () => {
  let server: Server;
  let downFor = 0;
  const seen: number[] = [];

  beforeAll(async () => {
    // The app's endpoint behind a switch: "down" answers 503 before reaching the handler.
    server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      seen.push(Number(req.headers["tosspayments-webhook-transmission-retried-count"]));
      if (downFor > 0) {
        downFor--;
        res.writeHead(503).end();
        return;
      }
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const answer = await POST(new Request("http://localhost/api/webhooks/toss", { method: "POST", headers, body: Buffer.concat(chunks) }));
      res.writeHead(answer.status, { "content-type": "application/json" }).end(await answer.text());
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("ends in success on Toss's retry schedule (time-compressed) after the endpoint was down", async () => {
    const o = await waitingOrder();
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/toss`;
    // 1 sandbox minute = 50 ms: retries after 1, 4, 16 minutes come 50, 200, 800 ms apart.
    await sandbox.control("POST", "/config", { webhookUrl: url, timeScale: 1_200 });
    try {
      downFor = 4; // the first attempt and the first retry of both webhooks of the deposit fail
      await bank("deposit", o.orderId);
      const deadline = Date.now() + 15_000;
      let ours: SandboxDelivery[] = [];
      while (Date.now() < deadline) {
        ours = await pending(o.orderId);
        if (ours.length === 2 && ours.every((d) => d.status === "SUCCEEDED")) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(ours.map((d) => d.status)).toEqual(["SUCCEEDED", "SUCCEEDED"]);
      expect(ours.every((d) => d.attempts.length >= 2 && d.attempts.at(-1)!.statusCode === 200)).toBe(true);
      expect(await statusOf(o.orderId)).toBe("PAID");
      expect((await transitionsOf(o.orderId)).filter((t) => t.to === "PAID")).toHaveLength(1);
      // Only the attempts that reached the handler are on record, with their retry counts.
      const recorded = (await deliveriesOf(o.orderId)).filter((d) => ours.some((x) => x.id === d.transmissionId));
      expect(recorded).toHaveLength(2);
      expect(recorded.every((d) => (d.retriedCount ?? 0) >= 1)).toBe(true);
    } finally {
      await sandbox.control("POST", "/config", { webhookUrl: null, timeScale: 1 });
    }
  });
});

describe("listDeliveriesForOrder", () => {
  it("lists an order's deliveries newest first and nothing of other orders", async () => {
    const a = await waitingOrder();
    const b = await waitingOrder();
    const listA = await listDeliveriesForOrder(db, a.orderId);
    expect(listA.length).toBeGreaterThanOrEqual(2);
    expect(listA.every((d) => d.orderId === a.orderId)).toBe(true);
    const times = listA.map((d) => d.receivedAt.getTime());
    expect([...times].sort((x, y) => y - x)).toEqual(times);
    expect((await listDeliveriesForOrder(db, b.orderId)).every((d) => d.orderId === b.orderId)).toBe(true);
  });
});
