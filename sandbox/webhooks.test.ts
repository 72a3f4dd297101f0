import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { WEBHOOK_RETRY_MINUTES } from "./choices";
import { remoteBaseUrl, sandboxUnderTest, waitFor } from "./testkit";
import type { Delivery } from "./types";

interface Received {
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
  at: number;
}

/** A webhook receiver whose answers the test scripts: status codes in order, then `then`. */
class Receiver {
  received: Received[] = [];
  answers: (number | "hang")[] = [];
  then: number = 200;
  private server = http.createServer((req, res) => {
    let data = "";
    req.on("data", (c) => (data += c));
    req.on("end", () => {
      this.received.push({ headers: req.headers, body: JSON.parse(data), at: Date.now() });
      const answer = this.answers.shift() ?? this.then;
      if (answer === "hang") return; // never answers: the sandbox's timeout must fire
      res.writeHead(answer).end("ok");
    });
  });
  url = "";
  async start() {
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/webhooks/toss`;
    return this;
  }
  reset(answers: (number | "hang")[] = [], then = 200) {
    this.received = [];
    this.answers = answers;
    this.then = then;
  }
  close() {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(r));
  }
}

const CREATED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/;
let receiver: Receiver;
beforeAll(async () => {
  receiver = await new Receiver().start();
});
afterAll(() => receiver.close());
beforeEach(() => receiver.reset());

type Sandbox = Awaited<ReturnType<typeof sandboxUnderTest>>;
async function deliveries(sb: Sandbox, query = ""): Promise<Delivery[]> {
  return (await sb.api.get<{ deliveries: Delivery[] }>(`/__sandbox/webhooks${query}`)).body.deliveries;
}

describe.skipIf(!!remoteBaseUrl)("virtual accounts and their webhooks", () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await sandboxUnderTest({ webhookUrl: receiver.url });
  });
  afterAll(() => sb.close());

  async function issue(amount = 30000) {
    const a = await sb.authorize({ method: "VIRTUAL_ACCOUNT", bankCode: "11", amount, customerName: "김토스" });
    const r = await sb.confirm(a);
    return { a, payment: r.body as Record<string, unknown> & { virtualAccount: Record<string, unknown>; secret: string } };
  }

  it("confirm → WAITING_FOR_DEPOSIT with the account, a due date and a secret; both webhooks sent", async () => {
    const { a, payment } = await issue();
    expect(payment).toMatchObject({ status: "WAITING_FOR_DEPOSIT", method: "가상계좌", approvedAt: null, balanceAmount: 30000 });
    expect(payment.virtualAccount).toMatchObject({ bankCode: "11", customerName: "김토스", expired: false, refundStatus: "NONE", settlementStatus: "INCOMPLETED", depositorName: null, refundReceiveAccount: null });
    expect(payment.virtualAccount.accountNumber).toMatch(/^\d{14}$/);
    expect(payment.virtualAccount.dueDate).toMatch(/\+09:00$/);
    expect(payment.secret).toMatch(/^ps_/);
    await waitFor(() => receiver.received.length >= 2 || undefined);
    const deposit = receiver.received.find((r) => !("eventType" in r.body))!;
    expect(Object.keys(deposit.body).sort()).toEqual(["createdAt", "orderId", "secret", "status", "transactionKey"]);
    expect(deposit.body).toMatchObject({ secret: payment.secret, status: "WAITING_FOR_DEPOSIT", orderId: a.orderId, transactionKey: payment.lastTransactionKey });
    expect(deposit.body.createdAt).toMatch(CREATED_AT);
    const changed = receiver.received.find((r) => r.body.eventType === "PAYMENT_STATUS_CHANGED")!;
    expect(changed.body.createdAt).toMatch(CREATED_AT);
    expect(changed.body.data).toMatchObject({ paymentKey: a.paymentKey, status: "WAITING_FOR_DEPOSIT", secret: payment.secret });
    for (const r of receiver.received) {
      expect(r.headers["content-type"]).toBe("application/json");
      expect(r.headers["tosspayments-webhook-transmission-id"]).toMatch(/^whtrans_/);
      expect(r.headers["tosspayments-webhook-transmission-retried-count"]).toBe("0");
      expect(r.headers["tosspayments-webhook-transmission-time"]).toMatch(/\+09:00$/);
    }
  });

  it("deposit → DONE, deposit error → WAITING_FOR_DEPOSIT, deposit again → DONE; each sends DEPOSIT_CALLBACK", async () => {
    const { a } = await issue();
    const path = `/__sandbox/virtual-accounts/${a.orderId}`;
    expect((await sb.api.post(`${path}/deposit`, { amount: 1 })).status).toBe(400); // must be the exact amount
    const done = await sb.api.post(`${path}/deposit`, { depositorName: "김토스" });
    expect(done.body).toMatchObject({ status: "DONE", virtualAccount: { depositorName: "김토스" } });
    expect(done.body.approvedAt).toMatch(/\+09:00$/);
    expect((await sb.api.post(`${path}/deposit`)).status).toBe(409);
    expect((await sb.api.post(`${path}/deposit-error`)).body).toMatchObject({ status: "WAITING_FOR_DEPOSIT", approvedAt: null });
    expect((await sb.api.post(`${path}/deposit`)).body.status).toBe("DONE");
    await waitFor(async () => ((await deliveries(sb, `?orderId=${a.orderId}&eventType=DEPOSIT_CALLBACK&status=SUCCEEDED`)).length === 4) || undefined);
    const statuses = receiver.received.filter((r) => r.body.orderId === a.orderId && !r.body.eventType).map((r) => r.body.status);
    expect(statuses).toEqual(["WAITING_FOR_DEPOSIT", "DONE", "WAITING_FOR_DEPOSIT", "DONE"]);
  });

  it("cancel: no partial cancel before deposit; full cancel before deposit needs no account; after deposit a refund account is required", async () => {
    const before = await issue(20000);
    const p1 = `/v1/payments/${before.a.paymentKey}/cancel`;
    expect(await sb.api.post(p1, { cancelReason: "x", cancelAmount: 1000 })).toMatchObject({ status: 403, body: { code: "NOT_ALLOWED_PARTIAL_REFUND_WAITING_DEPOSIT" } });
    expect((await sb.api.post(p1, { cancelReason: "주문 취소" })).body).toMatchObject({ status: "CANCELED", balanceAmount: 0 });

    const after = await issue(20000);
    await sb.api.post(`/__sandbox/virtual-accounts/${after.a.orderId}/deposit`);
    const p2 = `/v1/payments/${after.a.paymentKey}/cancel`;
    expect(await sb.api.post(p2, { cancelReason: "x", cancelAmount: 5000 })).toMatchObject({ status: 400, body: { code: "INVALID_REFUND_ACCOUNT_INFO" } });
    const account = { bank: "88", accountNumber: "12345678901234", holderName: "김토스" };
    expect(await sb.api.post(p2, { cancelReason: "x", cancelAmount: 5000, refundReceiveAccount: { ...account, bank: "99" } })).toMatchObject({ status: 400, body: { code: "INVALID_BANK" } });
    const partial = await sb.api.post(p2, { cancelReason: "부분 환불", cancelAmount: 5000, refundReceiveAccount: account });
    expect(partial.body).toMatchObject({ status: "PARTIAL_CANCELED", balanceAmount: 15000, virtualAccount: { refundReceiveAccount: { bankCode: "88", accountNumber: "12345678901234", holderName: "김토스" } } });
  });

  it("cancel-deposit → CANCELED; expiry keeps WAITING_FOR_DEPOSIT with expired=true and refuses deposits, without a webhook", async () => {
    const c = await issue();
    expect((await sb.api.post(`/__sandbox/virtual-accounts/${c.a.orderId}/cancel-deposit`)).body).toMatchObject({ status: "CANCELED", balanceAmount: 0 });
    const e = await issue();
    await waitFor(async () => ((await deliveries(sb, `?orderId=${e.a.orderId}&status=SUCCEEDED`)).length === 2) || undefined);
    const exp = await sb.api.post(`/__sandbox/virtual-accounts/${e.a.orderId}/expire`);
    expect(exp.body).toMatchObject({ status: "WAITING_FOR_DEPOSIT", virtualAccount: { expired: true } });
    expect((await sb.api.post(`/__sandbox/virtual-accounts/${e.a.orderId}/deposit`)).status).toBe(409);
    expect(await deliveries(sb, `?orderId=${e.a.orderId}`)).toHaveLength(2);
    expect((await sb.api.post(`/__sandbox/virtual-accounts/no_such_order/deposit`)).status).toBe(404);
  });

  it("the due date passing on the clock flips expired", async () => {
    const own = await sandboxUnderTest();
    try {
      const a = await own.authorize({ method: "가상계좌" });
      await own.confirm(a);
      await own.api.post("/__sandbox/clock/advance", { minutes: 168 * 60 + 1 });
      expect((await own.api.get(`/v1/payments/${a.paymentKey}`)).body).toMatchObject({ status: "WAITING_FOR_DEPOSIT", virtualAccount: { expired: true } });
    } finally {
      await own.close();
    }
  });
});

describe.skipIf(!!remoteBaseUrl)("webhook delivery and retries", () => {
  it("retries on the 1, 4, 16 … minute schedule (time-compressed) until a 200; same id, growing retried-count", async () => {
    receiver.reset([500, 204, "hang"], 200); // 204 is not 200: a failure too
    const sb = await sandboxUnderTest({ webhookUrl: receiver.url, timeScale: 3000, webhookTimeoutMs: 150 }); // 1 min = 20 ms
    try {
      const a = await sb.authorize();
      await sb.confirm(a);
      const [d] = await waitFor(async () => {
        const list = await deliveries(sb);
        return list[0]?.status === "SUCCEEDED" ? list : undefined;
      }, "the delivery to succeed after its retries", 8000);
      expect(d!.attempts.map((x) => x.statusCode)).toEqual([500, 204, null, 200]);
      expect(d!.attempts[2]!.error).toMatch(/timeout/);
      const gaps = d!.attempts.slice(1).map((x, i) => (x.atMs - d!.attempts[i]!.atMs) / 60_000);
      // On the sandbox's own clock, never before the schedule (an upper bound would time the machine).
      gaps.forEach((g, i) => expect(g).toBeGreaterThanOrEqual(WEBHOOK_RETRY_MINUTES[i]!));
      const headers = receiver.received.map((r) => r.headers);
      expect(new Set(headers.map((h) => h["tosspayments-webhook-transmission-id"])).size).toBe(1);
      expect(headers.map((h) => h["tosspayments-webhook-transmission-retried-count"])).toEqual(["0", "1", "2", "3"]);
    } finally {
      await sb.close();
    }
  });

  it("gives up after 7 retries (8 attempts); redeliver sends one fresh attempt", async () => {
    receiver.reset([], 500);
    const sb = await sandboxUnderTest({ webhookUrl: receiver.url, timeScale: 600_000 }); // 4096 min ≈ 0.4 s
    try {
      const a = await sb.authorize();
      await sb.confirm(a);
      const [d] = await waitFor(async () => {
        const list = await deliveries(sb);
        return list[0]?.status === "FAILED" ? list : undefined;
      }, "the delivery to fail after 7 retries", 8000);
      expect(d!.attempts).toHaveLength(8);
      expect(d!.nextAttemptAt).toBeNull();
      receiver.reset([], 200);
      const again = await sb.api.post<Delivery>(`/__sandbox/webhooks/${d!.id}/redeliver`);
      expect(again.body.status).toBe("SUCCEEDED");
      expect(again.body.attempts.at(-1)).toMatchObject({ manual: true, statusCode: 200, retriedCount: 8 });
    } finally {
      await sb.close();
    }
  });

  it("clock/advance fires due retries; no webhook URL → recorded as NO_ENDPOINT until redelivered", async () => {
    receiver.reset([500], 200);
    const sb = await sandboxUnderTest({ webhookUrl: receiver.url });
    try {
      await sb.confirm(await sb.authorize());
      const [d] = await waitFor(async () => {
        const list = await deliveries(sb);
        return list[0]?.attempts.length === 1 ? list : undefined;
      });
      expect(d!.status).toBe("PENDING");
      await sb.api.post("/__sandbox/clock/advance", { minutes: 1 });
      await waitFor(async () => ((await deliveries(sb))[0]?.status === "SUCCEEDED") || undefined);

      await sb.api.call("PUT", "/__sandbox/config", { body: { webhookUrl: null } });
      await sb.confirm(await sb.authorize());
      const pending = (await deliveries(sb, "?status=NO_ENDPOINT"))[0]!;
      await sb.api.call("PUT", "/__sandbox/config", { body: { webhookUrl: receiver.url } });
      expect((await sb.api.post<Delivery>(`/__sandbox/webhooks/${pending.id}/redeliver`)).body.status).toBe("SUCCEEDED");
    } finally {
      await sb.close();
    }
  });

  it("EXPIRED and cancels send PAYMENT_STATUS_CHANGED", async () => {
    const sb = await sandboxUnderTest({ webhookUrl: receiver.url });
    try {
      const a = await sb.authorize();
      await sb.api.post("/__sandbox/clock/advance", { minutes: 11 });
      const b = await sb.authorize();
      await sb.confirm(b);
      await sb.api.post(`/v1/payments/${b.paymentKey}/cancel`, { cancelReason: "x", cancelAmount: 100 });
      await waitFor(() => receiver.received.length >= 3 || undefined);
      const seen = receiver.received.map((r) => `${(r.body.data as { orderId: string }).orderId === a.orderId ? "a" : "b"}:${(r.body.data as { status: string }).status}`);
      expect(seen.sort()).toEqual(["a:EXPIRED", "b:DONE", "b:PARTIAL_CANCELED"]);
    } finally {
      await sb.close();
    }
  });
});

describe.skipIf(!!remoteBaseUrl)("persistence", () => {
  it("payments, idempotency records and pending deliveries survive a restart; reset clears them", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sandbox-state-"));
    try {
      receiver.reset([], 500);
      const first = await sandboxUnderTest({ dataDir: dir, webhookUrl: receiver.url });
      const a = await first.authorize();
      const h = { "Idempotency-Key": "restart-key" };
      const confirmed = await first.confirm(a, h);
      // The sandbox has recorded the failed attempt (the receiver's count alone could run ahead of it).
      await waitFor(async () => ((await deliveries(first))[0]?.attempts.length ?? 0) >= 1 || undefined, "the first attempt to be recorded");
      await first.close();

      receiver.reset([], 200);
      const second = await sandboxUnderTest({ dataDir: dir, webhookUrl: receiver.url, timeScale: 600 });
      try {
        expect((await second.api.get(`/v1/payments/${a.paymentKey}`)).body).toEqual(confirmed.body);
        expect((await second.confirm(a, h)).body).toEqual(confirmed.body); // replayed, not ALREADY_PROCESSED
        const d = await waitFor(async () => {
          const list = await deliveries(second);
          return list[0]?.status === "SUCCEEDED" ? list[0] : undefined;
        });
        expect(d.attempts.map((x) => x.statusCode)).toEqual([500, 200]);
        await second.api.post("/__sandbox/reset");
        expect((await second.api.get(`/v1/payments/${a.paymentKey}`)).status).toBe(404);
        expect(await deliveries(second)).toEqual([]);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
