import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/toss/route";
import { db } from "@/db/client";
import { payments, webhookDeliveries } from "@/db/schema";
import { settleOrderFromPayment } from "@/lib/orders/settle";
import { findOrderByOrderId, lockOrderByOrderId, transitionOrder } from "@/lib/orders/state";
import { createPendingOrder } from "@/lib/testing/factories";
import { startTestSandbox, type TestSandbox } from "@/lib/testing/sandbox";

// Webhooks through the route handler: a hint is checked against Toss, read with no row lock held,
// and answered 503 while another holds the order.
// PGlite runs one transaction at a time, so lock tests can only run on PostgreSQL.
const onPostgres = Boolean(process.env.DATABASE_URL);

type SandboxDelivery = { id: string; eventType: string; body: Record<string, unknown> };

let sandbox: TestSandbox;
let proxy: Server;
/** While set, every Toss read the store makes first asks whether this order's row is locked. */
let probeOrderId: string | null = null;
const lockedDuringRead: boolean[] = [];

beforeAll(async () => {
  sandbox = await startTestSandbox();
  const target = new URL(sandbox.url);
  // The store reaches the sandbox through this proxy, which can look at the database mid-call.
  proxy = createServer((req, res) => {
    const forward = () => {
      const upstream = httpRequest({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      req.pipe(upstream);
    };
    if (probeOrderId && req.method === "GET") {
      const orderId = probeOrderId;
      db.transaction(async (tx) => {
        try {
          await tx.execute(sql`select id from orders where order_id = ${orderId} for update nowait`);
          lockedDuringRead.push(false);
        } catch {
          lockedDuringRead.push(true);
        }
      }).then(forward, forward);
    } else forward();
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  process.env.SANDBOX_PORT = String((proxy.address() as AddressInfo).port);
});
afterAll(async () => {
  await new Promise((resolve) => proxy?.close(resolve));
  await sandbox?.close();
});

function post(body: string | object, headers: Record<string, string> = {}): Promise<Response> {
  return POST(
    new Request("http://localhost/api/webhooks/toss", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
}

function kstNow(offsetMs = 0): string {
  return new Date(Date.now() + offsetMs + 9 * 3_600_000).toISOString().replace("Z", "000");
}

async function sandboxDeliveries(orderId: string, eventType?: string): Promise<SandboxDelivery[]> {
  const { deliveries } = await sandbox.control<{ deliveries: SandboxDelivery[] }>("GET", `/webhooks?orderId=${orderId}`);
  return deliveries.filter((d) => !eventType || d.eventType === eventType);
}

const tossReads = async (paymentKey: string) =>
  (await sandbox.control<{ sandbox: { calls: { get: number } } }>("GET", `/payments/${paymentKey}`)).sandbox.calls.get;

/** A virtual-account order as /success leaves it: WAITING_FOR_DEPOSIT, its secret stored. */
async function waitingOrder() {
  const { order } = await createPendingOrder({ price: 15_000, quantity: 1, stock: 10 });
  const { paymentKey } = await sandbox.authorize({ orderId: order.orderId, amount: order.amount, method: "가상계좌" });
  const row = (await findOrderByOrderId(db, order.orderId))!;
  await db.transaction((tx) => transitionOrder(tx, row, "CONFIRMING", { type: "CONFIRM_STARTED" }, { paymentKey }));
  const payment = await sandbox.provider.confirm({ reference: paymentKey, orderId: order.orderId, amount: order.amount }, { idempotencyKey: `confirm-${order.orderId}` });
  await db.transaction(async (tx) => settleOrderFromPayment(tx, (await lockOrderByOrderId(tx, order.orderId))!, payment, "toss"));
  return { orderId: order.orderId, paymentKey, secret: payment.webhookSecret! };
}

async function deposit(orderId: string) {
  await sandbox.control("POST", "/clock/advance", { minutes: 60 });
  await sandbox.control("POST", `/virtual-accounts/${orderId}/deposit`, {});
  return (await sandboxDeliveries(orderId, "DEPOSIT_CALLBACK")).at(-1)!;
}

const statusOf = async (orderId: string) => (await findOrderByOrderId(db, orderId))!.status;

describe("DEPOSIT_CALLBACK goes one way: secret, Toss read, settle", () => {
  it("a callback with the right secret saying DONE changes nothing while Toss still says WAITING_FOR_DEPOSIT", async () => {
    const o = await waitingOrder();
    const res = await post({ createdAt: kstNow(60_000), secret: o.secret, status: "DONE", transactionKey: "txrd_fake", orderId: o.orderId });
    expect(res.status).toBe(200);
    expect(await statusOf(o.orderId)).toBe("WAITING_FOR_DEPOSIT");
    expect(await tossReads(o.paymentKey)).toBeGreaterThanOrEqual(1);
  });

  it("paid_at is the deposit time Toss reports", async () => {
    const o = await waitingOrder();
    const callback = await deposit(o.orderId);
    expect((await post(callback.body, { "tosspayments-webhook-transmission-id": callback.id })).status).toBe(200);
    const order = (await findOrderByOrderId(db, o.orderId))!;
    expect(order.status).toBe("PAID");
    const fromToss = await sandbox.client.getPayment(o.paymentKey);
    expect(order.paidAt?.toISOString()).toBe(new Date(fromToss.approvedAt!).toISOString());
  });

  it("a forged secret is refused without a Toss read", async () => {
    const o = await waitingOrder();
    const before = await tossReads(o.paymentKey);
    const res = await post({ createdAt: kstNow(), secret: "ps_forged", status: "DONE", transactionKey: "tx", orderId: o.orderId });
    expect(res.status).toBe(403);
    expect(await tossReads(o.paymentKey)).toBe(before);
  });

  it.skipIf(!onPostgres)("on PostgreSQL, the payment is read from Toss while no row lock is held", async () => {
    const o = await waitingOrder();
    const callback = await deposit(o.orderId);
    lockedDuringRead.length = 0;
    probeOrderId = o.orderId;
    try {
      expect((await post(callback.body, { "tosspayments-webhook-transmission-id": callback.id })).status).toBe(200);
    } finally {
      probeOrderId = null;
    }
    expect(lockedDuringRead.length).toBeGreaterThanOrEqual(1);
    expect(lockedDuringRead.every((locked) => !locked)).toBe(true);
    expect(await statusOf(o.orderId)).toBe("PAID");
  });

  it.skipIf(!onPostgres)("on PostgreSQL, a held order lock answers 503 before the lock is released (held up to 8 s)", async () => {
    const o = await waitingOrder();
    const callback = await deposit(o.orderId);
    let answeredWhileHeld = false;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const holder = db.transaction(async (tx) => {
      await tx.execute(sql`select id from orders where order_id = ${o.orderId} for update`);
      locked();
      await Promise.race([released, new Promise((r) => setTimeout(r, 8_000))]);
    });
    await lockTaken;
    const res = await post(callback.body, { "tosspayments-webhook-transmission-id": callback.id });
    answeredWhileHeld = true;
    release();
    await holder;
    expect(answeredWhileHeld).toBe(true);
    expect(res.status).toBe(503);
    expect(await statusOf(o.orderId)).toBe("WAITING_FOR_DEPOSIT");
    // Toss delivers again; now it goes through.
    expect((await post(callback.body, { "tosspayments-webhook-transmission-id": callback.id })).status).toBe(200);
    expect(await statusOf(o.orderId)).toBe("PAID");
  }, 20_000);
});

describe("status changes are hints", () => {
  it("30 forged status changes for a known payment do not make 30 Toss reads", async () => {
    const o = await waitingOrder();
    const before = await tossReads(o.paymentKey);
    const lie = { eventType: "PAYMENT_STATUS_CHANGED", createdAt: kstNow(), data: { paymentKey: o.paymentKey, orderId: o.orderId, status: "DONE" } };
    const together = await Promise.all(Array.from({ length: 15 }, () => post(lie)));
    const oneByOne: Response[] = [];
    for (let i = 0; i < 15; i++) oneByOne.push(await post(lie));
    expect([...together, ...oneByOne].every((r) => r.status === 200 || r.status === 503)).toBe(true);
    expect(await statusOf(o.orderId)).toBe("WAITING_FOR_DEPOSIT");
    expect((await tossReads(o.paymentKey)) - before).toBeLessThanOrEqual(3);
  });

  it("a status change for an unknown payment is ignored without a Toss read", async () => {
    const other = await sandbox.authorize({ amount: 15_000 });
    const res = await post({ eventType: "PAYMENT_STATUS_CHANGED", createdAt: kstNow(), data: { paymentKey: other.paymentKey, orderId: other.orderId, status: "DONE" } });
    expect(res.status).toBe(200);
    expect(await tossReads(other.paymentKey)).toBe(0);
  });
});

describe("hostile bodies (issue 11)", () => {
  async function stored(transmissionId: string) {
    const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.transmissionId, transmissionId));
    return row;
  }

  it("answers 400, never 500, to NUL, lone surrogates and huge strings, and logs each delivery", async () => {
    const cases: [string, string][] = [
      ["whtrans_nul_orderid", JSON.stringify({ createdAt: kstNow(), secret: "ps_x", status: "DONE", transactionKey: "tx", orderId: "order\u0000abc" })],
      ["whtrans_nul_event", JSON.stringify({ eventType: "PAYMENT_STATUS_CHANGED\u0000", createdAt: kstNow(), data: {} })],
      ["whtrans_nul_key", JSON.stringify({ eventType: "PAYMENT_STATUS_CHANGED", createdAt: kstNow(), data: { paymentKey: "k\u0000", orderId: "order_abcdef", status: "DONE" } })],
      ["whtrans_surrogate", `{"eventType":"PAYMENT_STATUS_CHANGED","createdAt":"x","data":{"paymentKey":"\\ud800","orderId":"order_abcdef","status":"DONE"}}`],
      ["whtrans_raw_nul", `{"eventType":"X","createdAt":"${kstNow()}","data":"a\u0000b"}`],
      ["whtrans_huge_string", JSON.stringify({ eventType: "PAYMENT_STATUS_CHANGED", createdAt: kstNow(), data: { paymentKey: "k".repeat(50_000), orderId: "order_abcdef", status: "DONE" } })],
    ];
    for (const [id, body] of cases) {
      const res = await post(body, { "tosspayments-webhook-transmission-id": id });
      expect(res.status, id).toBe(400);
      const row = await stored(id);
      expect(row, id).toMatchObject({ outcome: "invalid", httpStatus: 400 });
      expect(row!.body.includes("\u0000"), id).toBe(false);
      expect(Buffer.byteLength(row!.body), id).toBeLessThanOrEqual(4096);
    }
  });

  it("keeps at most 4 kB of a delivery that fails authentication, and never its secret", async () => {
    const o = await waitingOrder();
    const padding = "x".repeat(1_900);
    const forged = { createdAt: kstNow(), secret: "ps_forged_secret_value", status: "DONE", transactionKey: "tx", orderId: o.orderId, note: padding, more: padding, evenMore: padding };
    expect((await post(forged, { "tosspayments-webhook-transmission-id": "whtrans_forged_big" })).status).toBe(403);
    const unknown = { ...forged, orderId: "order_nobody_has_this" };
    expect((await post(unknown, { "tosspayments-webhook-transmission-id": "whtrans_unknown_big" })).status).toBe(404);
    for (const id of ["whtrans_forged_big", "whtrans_unknown_big"]) {
      const row = (await stored(id))!;
      expect(Buffer.byteLength(row.body), id).toBeLessThanOrEqual(4096);
      expect(row.body, id).not.toContain("ps_forged_secret_value");
    }
  });

  it("replaces the secret by a marker in stored bodies and in payments.raw", async () => {
    const o = await waitingOrder();
    const callback = await deposit(o.orderId);
    expect((await post(callback.body, { "tosspayments-webhook-transmission-id": callback.id })).status).toBe(200);
    const row = (await stored(callback.id))!;
    expect(row.body).not.toContain(o.secret);
    expect(row.body).toContain("[redacted]");
    const [payment] = await db.select().from(payments).where(eq(payments.paymentKey, o.paymentKey));
    expect(payment!.secret).toBe(o.secret);
    expect(JSON.stringify(payment!.raw)).not.toContain(o.secret);
  });
});
