import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/toss/route";
import { connection, db } from "@/db/client";
import { settleOrderFromPayment } from "@/lib/orders/settle";
import { findOrderByOrderId, lockOrderByOrderId, transitionOrder } from "@/lib/orders/state";
import { createPendingOrder } from "@/lib/testing/factories";
import { startTestSandbox, type TestSandbox } from "@/lib/testing/sandbox";
import { AdmissionGate, eventLoopDelayMs, RETRY_AFTER_SECONDS, webhookAdmissionLimits } from "./admission";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("AdmissionGate", () => {
  it("runs up to its concurrency, queues in arrival order, and turns away past the queue", async () => {
    const gate = new AdmissionGate();
    const limits = { concurrency: 2, queue: 2, maxWaitMs: 1_000 };
    const first = await gate.enter(limits);
    const second = await gate.enter(limits);
    const third = gate.enter(limits);
    const fourth = gate.enter(limits);
    expect(await gate.enter(limits)).toEqual({ admitted: false, reason: "full" });
    expect([gate.inFlight, gate.queued]).toEqual([2, 2]);

    if (!first.admitted || !second.admitted) throw new Error("the first two run at once");
    first.release();
    first.release(); // a second release frees nothing more
    const admitted = await third;
    expect(admitted.admitted).toBe(true);
    expect([gate.inFlight, gate.queued]).toEqual([2, 1]);
    second.release();
    expect((await fourth).admitted).toBe(true);
  });

  it("turns away a caller that waited its cap, and admits the next one in its place", async () => {
    const gate = new AdmissionGate();
    const limits = { concurrency: 1, queue: 5, maxWaitMs: 30 };
    const running = await gate.enter(limits);
    expect(await gate.enter(limits)).toEqual({ admitted: false, reason: "waited too long" });
    expect(gate.queued).toBe(0);
    const next = gate.enter({ ...limits, maxWaitMs: 1_000 });
    await sleep(10);
    if (running.admitted) running.release();
    const place = await next;
    expect(place.admitted && place.waitedMs).toBeGreaterThan(0);
  });
});

describe("AdmissionGate and the event loop", () => {
  it("past its concurrency, turns callers away instead of queueing them while the event loop is behind, and queues again once it has caught up", async () => {
    const gate = new AdmissionGate();
    const limits = { concurrency: 1, queue: 4, maxWaitMs: 2_000, maxEventLoopDelayMs: 50 };
    eventLoopDelayMs();
    await sleep(20);
    const running = await gate.enter(limits);
    const blockedUntil = Date.now() + 120;
    while (Date.now() < blockedUntil) {
      // a statement of the embedded database, or a busy machine, holding the thread
    }
    await sleep(0);
    expect(await gate.enter(limits)).toEqual({ admitted: false, reason: "event loop behind" });
    // Within the concurrency a caller is taken however late the loop ran.
    if (running.admitted) running.release();
    const alone = await gate.enter(limits);
    expect(alone.admitted).toBe(true);
    await sleep(1_100);
    // Caught up: the next caller waits for the running one instead of being turned away.
    const queued = gate.enter(limits);
    if (alone.admitted) alone.release();
    expect((await queued).admitted, "caught up").toBe(true);
  });
});

describe(`a burst of DEPOSIT_CALLBACKs on ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}`, () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    // The store's own Toss client reads the payments from this sandbox.
    process.env.SANDBOX_PORT = new URL(sandbox.url).port;
  });
  afterAll(() => sandbox?.close());

  /** A virtual-account order waiting for its deposit, deposited at the bank: its callback settles it. */
  async function depositedOrder() {
    const { order } = await createPendingOrder({ price: 15_000, stock: 10 });
    const { paymentKey } = await sandbox.authorize({ orderId: order.orderId, amount: order.amount, method: "가상계좌" });
    const row = (await findOrderByOrderId(db, order.orderId))!;
    await db.transaction((tx) => transitionOrder(tx, row, "CONFIRMING", { type: "CONFIRM_STARTED", actor: "shopper" }, { paymentKey }));
    const payment = await sandbox.provider.confirm({ reference: paymentKey, orderId: order.orderId, amount: order.amount }, { idempotencyKey: `confirm-${order.orderId}` });
    await db.transaction(async (tx) => settleOrderFromPayment(tx, (await lockOrderByOrderId(tx, order.orderId))!, payment, "toss"));
    await sandbox.control("POST", `/virtual-accounts/${order.orderId}/deposit`, {});
    return { orderId: order.orderId, secret: payment.webhookSecret! };
  }

  function deliver(target: { orderId: string; secret: string }, transmissionId: string) {
    const createdAt = new Date(Date.now() + 9 * 3_600_000).toISOString().replace("Z", "000");
    return POST(
      new Request("http://localhost/api/webhooks/toss", {
        method: "POST",
        headers: { "content-type": "application/json", "tosspayments-webhook-transmission-id": transmissionId, "tosspayments-webhook-transmission-retried-count": "0" },
        body: JSON.stringify({ createdAt, secret: target.secret, status: "DONE", transactionKey: randomBytes(16).toString("hex"), orderId: target.orderId }),
      }),
    );
  }

  it("settles what this process can take, answers the rest 503 with Retry-After, and fails none", { timeout: 120_000 }, async () => {
    const limits = webhookAdmissionLimits(connection().kind);
    // More than can run and wait at once, all arriving together.
    const burst = limits.concurrency + limits.queue + 16;
    const targets = [];
    for (let i = 0; i < burst; i++) targets.push(await depositedOrder());
    // The setup's own statements may have held the thread: let the event loop's record clear.
    await sleep(1_100);

    const answers = await Promise.all(targets.map((t, i) => deliver(t, `whtrans_burst_${i}`)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s !== 200 && s !== 503), "answers other than settled or busy").toEqual([]);
    const shed = answers.flatMap((a, i) => (a.status === 503 ? [i] : []));
    expect(shed.length).toBeGreaterThanOrEqual(16);
    expect(shed.length, "some of the burst is settled at once").toBeLessThan(burst);
    for (const i of shed) {
      expect(answers[i]!.headers.get("retry-after")).toBe(String(RETRY_AFTER_SECONDS));
      expect(await answers[i]!.json()).toMatchObject({ ok: false, outcome: "retry" });
    }
    const status = await Promise.all(targets.map(async (t) => (await findOrderByOrderId(db, t.orderId))!.status));
    expect(status.filter((s) => s === "PAID")).toHaveLength(burst - shed.length);
    for (const i of shed) expect(status[i]).toBe("WAITING_FOR_DEPOSIT");

    // Toss's resends settle each order it turned away (a resend that finds the process busy
    // again is answered 503 again, and Toss tries once more later).
    for (const i of shed) {
      let status = 503;
      for (let attempt = 0; attempt < 5 && status === 503; attempt++) {
        if (attempt > 0) await sleep(600);
        status = (await deliver(targets[i]!, `whtrans_burst_${i}`)).status;
      }
      expect(status).toBe(200);
    }
    const after = await Promise.all(targets.map(async (t) => (await findOrderByOrderId(db, t.orderId))!.status));
    expect(new Set(after)).toEqual(new Set(["PAID"]));
  });
});
