import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { basicAuthHeader, createTossClient, type IdempotentCallOptions, type TossClientConfig } from "./client";
import {
  TossAlreadyProcessedError,
  TossAuthError,
  TossInvalidRequestError,
  TossNetworkError,
  TossNotFoundError,
  TossRejectedError,
  TossSchemaError,
  TossSessionExpiredError,
  TossTimeoutError,
  TossTransientError,
} from "./errors";
import { cardPayment } from "@/lib/testing/toss-fixtures";
import { tossFailure } from "@/lib/testing/toss";

// A local HTTP server programmed per test: each request takes the next step of the script.
// Connections are not kept alive, so a socket left over from one test never fails the next.
type Seen = { method: string; url: string; headers: IncomingMessage["headers"]; body: string };
type Step = (req: Seen, res: ServerResponse) => void;

let server: Server;
let origin: string;
let baseUrl: string;
let testId = 0;
let script: Step[] = [];
let seen: Seen[] = [];

const json = (status: number, body: unknown): Step => (_req, res) => {
  res.writeHead(status, { "Content-Type": "application/json", Connection: "close" }).end(JSON.stringify(body));
};
const text = (status: number, body: string): Step => (_req, res) => {
  res.writeHead(status, { "Content-Type": "text/html", Connection: "close" }).end(body);
};
const hang: Step = () => {};
const tossError = (status: number, code: string, message = `${code} message`) => json(status, { code, message });

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      // A request a previous test gave up on may still arrive: it must not eat this test's script.
      const prefix = `/t${testId}`;
      if (!req.url?.startsWith(`${prefix}/`)) return void res.writeHead(410, { Connection: "close" }).end();
      const entry = { method: req.method ?? "", url: req.url.slice(prefix.length), headers: req.headers, body };
      seen.push(entry);
      const step = script.shift() ?? json(500, { code: "SCRIPT_EXHAUSTED", message: "no step left" });
      step(entry, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
beforeEach(() => {
  testId++;
  baseUrl = `${origin}/t${testId}`;
});
afterEach(() => {
  script = [];
  seen = [];
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const SECRET = "test_gsk_jangteo_sandbox_OaPz8L5KdmQXkzRz";
const fast = (over: Partial<TossClientConfig> = {}) =>
  createTossClient({ secretKey: SECRET, baseUrl, timeoutMs: 1_000, deadlineMs: 5_000, retry: { retries: 3, minDelayMs: 5, maxDelayMs: 20, jitter: true }, ...over });
const confirmInput = { paymentKey: "pk_1", orderId: "order-000001", amount: 1000 };
const key = { idempotencyKey: "idem-1" };

const failure = tossFailure;

describe("requests", () => {
  it("confirms with Basic auth (secret + ':'), a JSON body with a numeric amount and the Idempotency-Key", async () => {
    script = [json(200, cardPayment({ paymentKey: "pk_1", orderId: "order-000001" }))];
    const payment = await fast().confirmPayment(confirmInput, key);

    expect(payment.paymentKey).toBe("pk_1");
    const [req] = seen;
    expect(req?.method).toBe("POST");
    expect(req?.url).toBe("/v1/payments/confirm");
    expect(req?.headers.authorization).toBe(`Basic ${Buffer.from(`${SECRET}:`).toString("base64")}`);
    expect(req?.headers["content-type"]).toBe("application/json");
    expect(req?.headers["idempotency-key"]).toBe("idem-1");
    expect(JSON.parse(req?.body ?? "")).toEqual({ paymentKey: "pk_1", orderId: "order-000001", amount: 1000 });
  });

  it("builds the documented Basic header for the docs key", () => {
    expect(basicAuthHeader("test_gsk_docs_OaPz8L5KdmQXkzRz3y47BMw6")).toBe("Basic dGVzdF9nc2tfZG9jc19PYVB6OEw1S2RtUVhrelJ6M3k0N0JNdzY6");
  });

  it("reads a payment by key and by order id, escaping path segments", async () => {
    script = [json(200, cardPayment()), json(200, cardPayment())];
    const client = fast({ baseUrl: `${baseUrl}/` });
    await client.getPayment("a/b?c");
    await client.getPaymentByOrderId("order-000001");
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual(["GET /v1/payments/a%2Fb%3Fc", "GET /v1/payments/orders/order-000001"]);
    expect(seen[0]?.headers["idempotency-key"]).toBeUndefined();
    expect(seen[0]?.body).toBe("");
  });

  it("cancels with only the fields given", async () => {
    script = [json(200, cardPayment({ status: "PARTIAL_CANCELED", balanceAmount: 600 })), json(200, cardPayment({ status: "CANCELED" }))];
    const client = fast();
    const partial = await client.cancelPayment("pk_1", { cancelReason: "고객 변심", cancelAmount: 400 }, { idempotencyKey: "c-1" });
    expect(partial.balanceAmount).toBe(600);
    await client.cancelPayment(
      "pk_1",
      { cancelReason: "환불", refundReceiveAccount: { bank: "88", accountNumber: "12345678901234", holderName: "홍길동" } },
      { idempotencyKey: "c-2" },
    );
    expect(seen[0]?.url).toBe("/v1/payments/pk_1/cancel");
    expect(JSON.parse(seen[0]?.body ?? "")).toEqual({ cancelReason: "고객 변심", cancelAmount: 400 });
    expect(JSON.parse(seen[1]?.body ?? "")).toEqual({
      cancelReason: "환불",
      refundReceiveAccount: { bank: "88", accountNumber: "12345678901234", holderName: "홍길동" },
    });
    expect(seen[1]?.headers["idempotency-key"]).toBe("c-2");
  });

  it("refuses a non-integer amount and an over-long Idempotency-Key without calling Toss", async () => {
    const client = fast();
    expect(await failure(client.confirmPayment({ ...confirmInput, amount: 10.5 }, key))).toBeInstanceOf(TossInvalidRequestError);
    expect(await failure(client.cancelPayment("pk_1", { cancelReason: "x", cancelAmount: 0 }, key))).toBeInstanceOf(TossInvalidRequestError);
    const long = await failure(client.confirmPayment(confirmInput, { idempotencyKey: "k".repeat(301) }));
    expect(long.code).toBe("INVALID_IDEMPOTENCY_KEY");
    expect(seen).toHaveLength(0);
  });

  it("calls onRequest before every attempt", async () => {
    script = [json(200, cardPayment())];
    const calls: unknown[] = [];
    await fast({ onRequest: (info) => calls.push(info) }).getPayment("pk_1");
    expect(calls).toEqual([{ method: "GET", path: "/v1/payments/pk_1", attempt: 1 }]);
  });
});

describe("errors from Toss", () => {
  const cases = [
    [401, "UNAUTHORIZED_KEY", TossAuthError],
    [400, "INVALID_API_KEY", TossAuthError],
    [403, "INCORRECT_BASIC_AUTH_FORMAT", TossAuthError],
    [404, "NOT_FOUND_PAYMENT", TossNotFoundError],
    [404, "NOT_FOUND_PAYMENT_SESSION", TossSessionExpiredError],
    [400, "ALREADY_PROCESSED_PAYMENT", TossAlreadyProcessedError],
    [400, "ALREADY_CANCELED_PAYMENT", TossAlreadyProcessedError],
    [403, "REJECT_CARD_COMPANY", TossRejectedError],
    [403, "REJECT_CARD_PAYMENT", TossRejectedError],
    [400, "INVALID_CARD_EXPIRATION", TossRejectedError],
    [400, "INVALID_REQUEST", TossInvalidRequestError],
    [403, "NOT_CANCELABLE_AMOUNT", TossInvalidRequestError],
    [400, "SOMETHING_NEW", TossInvalidRequestError],
    [404, "SOMETHING_NEW", TossNotFoundError],
  ] as const;

  it.each(cases)("HTTP %i %s → %o, not retried", async (status, code, cls) => {
    script = [tossError(status, code, "메시지"), json(200, cardPayment())];
    const error = await failure(fast().confirmPayment(confirmInput, key));
    expect(error).toBeInstanceOf(cls);
    expect(error).toMatchObject({ code, message: "메시지", httpStatus: status, retryable: false, raw: { code, message: "메시지" } });
    expect(seen).toHaveLength(1);
  });

  it("gives the shopper Toss's own message for a card refusal", async () => {
    script = [tossError(403, "REJECT_CARD_PAYMENT", "한도초과 혹은 잔액부족으로 결제에 실패했습니다.")];
    const error = await failure(fast().confirmPayment(confirmInput, key));
    expect(error).toBeInstanceOf(TossRejectedError);
    expect((error as TossRejectedError).shopperMessage).toBe("한도초과 혹은 잔액부족으로 결제에 실패했습니다.");
  });
});

describe("retries", () => {
  it("retries a 5xx, then succeeds, reporting each retry", async () => {
    script = [tossError(500, "FAILED_INTERNAL_SYSTEM_PROCESSING"), text(502, "<html>Bad Gateway</html>"), json(200, cardPayment())];
    const retries: string[] = [];
    const payment = await fast({ onRetry: (info) => retries.push(`${info.attempt}:${info.error.code}`) }).getPayment("pk_1");
    expect(payment.status).toBe("DONE");
    expect(retries).toEqual(["1:FAILED_INTERNAL_SYSTEM_PROCESSING", "2:HTTP_502"]);
  });

  it("retries PROVIDER_ERROR on a GET", async () => {
    script = [tossError(400, "PROVIDER_ERROR"), json(200, cardPayment())];
    await fast().getPayment("pk_1");
    expect(seen).toHaveLength(2);
  });

  it("repeats a POST under the same Idempotency-Key while Toss is still processing it (409)", async () => {
    script = [tossError(409, "IDEMPOTENT_REQUEST_PROCESSING"), tossError(409, "IDEMPOTENT_REQUEST_PROCESSING"), json(200, cardPayment())];
    const payment = await fast().confirmPayment(confirmInput, key);
    expect(payment.status).toBe("DONE");
    expect(seen.map((r) => r.headers["idempotency-key"])).toEqual(["idem-1", "idem-1", "idem-1"]);
  });

  it("does not repeat a POST whose transient error Toss answered: Toss would replay it for that key", async () => {
    for (const step of [tossError(500, "FAILED_PAYMENT_INTERNAL_SYSTEM_PROCESSING"), tossError(400, "PROVIDER_ERROR")]) {
      script = [step, json(200, cardPayment())];
      seen = [];
      const error = await failure(fast().confirmPayment(confirmInput, key));
      expect(error).toBeInstanceOf(TossTransientError);
      expect(error.retryable).toBe(true);
      expect(seen).toHaveLength(1);
    }
  });

  it("retries GETs", async () => {
    script = [tossError(503, "COMMON_ERROR"), json(200, cardPayment())];
    await fast().getPayment("pk_1");
    expect(seen).toHaveLength(2);
  });

  it("never repeats a POST without an Idempotency-Key, even after a timeout", async () => {
    script = [hang, json(200, cardPayment())];
    const error = await failure(fast({ timeoutMs: 100 }).confirmPayment(confirmInput, {} as IdempotentCallOptions));
    expect(error).toBeInstanceOf(TossTimeoutError);
    expect(error.retryable).toBe(true);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers["idempotency-key"]).toBeUndefined();
  });

  it("gives up after the configured attempts with the last error", async () => {
    script = Array.from({ length: 5 }, () => tossError(500, "COMMON_ERROR"));
    const error = await failure(fast({ retry: { retries: 2, minDelayMs: 1 } }).getPayment("pk_1"));
    expect(error).toBeInstanceOf(TossTransientError);
    expect(error.code).toBe("COMMON_ERROR");
    expect(seen).toHaveLength(3);
  });

  it("backs off exponentially between attempts", async () => {
    // Delays of 200 then 2 000 ms fit 2 attempts in a 1 s deadline; equal delays of 200 ms fit 3.
    script = [tossError(500, "COMMON_ERROR"), tossError(500, "COMMON_ERROR"), json(200, cardPayment())];
    const growing = await failure(fast({ deadlineMs: 1_000, retry: { retries: 3, minDelayMs: 200, factor: 10, jitter: false } }).getPayment("pk_1"));
    expect(growing.retryable).toBe(true);
    expect(seen).toHaveLength(2);
    seen = [];
    script = [tossError(500, "COMMON_ERROR"), tossError(500, "COMMON_ERROR"), json(200, cardPayment())];
    expect((await fast({ deadlineMs: 1_000, retry: { retries: 3, minDelayMs: 200, factor: 1, jitter: false } }).getPayment("pk_1")).status).toBe("DONE");
    expect(seen).toHaveLength(3);
  });

  it("retries a network error (connection refused) and reports it as TossNetworkError", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    let attempts = 0;
    const error = await failure(fast({ baseUrl: `http://127.0.0.1:${port}`, onRequest: () => attempts++ }).getPayment("pk_1"));
    expect(error).toBeInstanceOf(TossNetworkError);
    expect(error).toMatchObject({ code: "NETWORK_ERROR", httpStatus: null, retryable: true });
    expect(attempts).toBe(4);
  });
});

describe("timeouts and the deadline", () => {
  it("times out a hanging attempt, then retries", async () => {
    script = [hang, json(200, cardPayment())];
    const payment = await fast({ timeoutMs: 150 }).confirmPayment(confirmInput, key);
    expect(payment.status).toBe("DONE");
    expect(seen).toHaveLength(2);
  });

  it("fails with TossTimeoutError when every attempt hangs", async () => {
    script = [hang, hang, hang, hang];
    const error = await failure(fast({ timeoutMs: 100, retry: { retries: 1, minDelayMs: 1 } }).getPayment("pk_1"));
    expect(error).toBeInstanceOf(TossTimeoutError);
    expect(error).toMatchObject({ code: "TIMEOUT", retryable: true });
    expect(seen).toHaveLength(2);
  });

  it("stops at the total deadline, however many retries are left", async () => {
    script = Array.from({ length: 50 }, () => hang);
    const error = await failure(
      fast({ timeoutMs: 200, deadlineMs: 500, retry: { retries: 50, minDelayMs: 10, maxDelayMs: 10 } }).confirmPayment(confirmInput, key),
    );
    expect(error).toBeInstanceOf(TossTimeoutError);
    // 500 ms hold at most three attempts of 200 ms, of the 51 allowed.
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.length).toBeLessThanOrEqual(3);
  });

  it("cuts a long backoff short at the deadline", async () => {
    // Waiting out the 5 s backoff would reach the 200: the deadline ends the call first.
    script = [tossError(500, "COMMON_ERROR"), json(200, cardPayment())];
    const error = await failure(fast({ deadlineMs: 300, retry: { retries: 3, minDelayMs: 5_000 } }).getPayment("pk_1"));
    expect(error.retryable).toBe(true);
    expect(seen).toHaveLength(1);
  });

  it("takes a per-call deadline", async () => {
    // Without the call's own deadline, the 5 s attempt timeout would lead to a retry and the 200.
    script = [hang, json(200, cardPayment())];
    const error = await failure(fast({ timeoutMs: 5_000 }).getPayment("pk_1", { deadlineMs: 150 }));
    expect(error).toBeInstanceOf(TossTimeoutError);
    expect(seen).toHaveLength(1);
  });

  it("the per-attempt timeout fires for every attempt of 20 concurrent calls while garbage is collected", async () => {
    // Every attempt hangs; each call must make exactly its 3 attempts (each ended by its own
    // timeout), never fewer (an attempt left hanging until the call's deadline).
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    script = Array.from({ length: 200 }, () => hang);
    const attemptsPerCall = new Map<string, number>();
    const client = fast({
      timeoutMs: 1_000,
      deadlineMs: 15_000,
      retry: { retries: 2, minDelayMs: 1, maxDelayMs: 1, jitter: false },
      onRequest: ({ path }) => attemptsPerCall.set(path, (attemptsPerCall.get(path) ?? 0) + 1),
    });
    const collector = setInterval(gc, 300);
    try {
      const errors = await Promise.all(Array.from({ length: 20 }, (_, i) => failure(client.getPayment(`pk_${i}`))));
      expect(errors.every((e) => e instanceof TossTimeoutError)).toBe(true);
      expect([...attemptsPerCall.values()]).toEqual(Array.from({ length: 20 }, () => 3));
    } finally {
      clearInterval(collector);
      server.closeAllConnections();
    }
  });

  it("stops at once when the caller aborts, without retrying", async () => {
    const controller = new AbortController();
    // The caller gives up once Toss has the request: an order, not a delay.
    script = [() => controller.abort(), json(200, cardPayment())];
    const error = await failure(fast().getPayment("pk_1", { signal: controller.signal }));
    expect(error).toBeInstanceOf(TossNetworkError);
    expect(error).toMatchObject({ code: "ABORTED", retryable: false });
    expect(seen).toHaveLength(1);
  });
});

describe("responses that break the contract", () => {
  it("turns malformed JSON on a 200 into TossSchemaError carrying the raw text, without retrying", async () => {
    script = [text(200, '{"paymentKey": "pk_1", '), json(200, cardPayment())];
    const error = await failure(fast().confirmPayment(confirmInput, key));
    expect(error).toBeInstanceOf(TossSchemaError);
    expect(error).toMatchObject({ code: "INVALID_RESPONSE", httpStatus: 200, retryable: false, raw: '{"paymentKey": "pk_1", ' });
    expect(seen).toHaveLength(1);
  });

  it("turns a Payment missing required fields into TossSchemaError naming them", async () => {
    const broken = cardPayment();
    delete broken.status;
    delete broken.totalAmount;
    script = [json(200, broken)];
    const error = await failure(fast().getPayment("pk_1"));
    expect(error).toBeInstanceOf(TossSchemaError);
    expect(error.raw).toEqual(broken);
    expect((error as TossSchemaError).issues.join("\n")).toMatch(/status/);
    expect((error as TossSchemaError).issues.join("\n")).toMatch(/totalAmount/);
  });

  it("rejects a status outside the documented enum", async () => {
    script = [json(200, cardPayment({ status: "SETTLED" }))];
    expect(await failure(fast().getPayment("pk_1"))).toBeInstanceOf(TossSchemaError);
  });

  it("tolerates unknown extra fields and keeps them", async () => {
    script = [json(200, cardPayment({ brandNewField: { nested: true }, card: { ...(cardPayment().card as object), futureFlag: 1 } }))];
    const payment = await fast().getPayment("pk_1");
    expect(payment.status).toBe("DONE");
    expect((payment as Record<string, unknown>).brandNewField).toEqual({ nested: true });
  });

  it("maps a non-JSON error body by its HTTP status", async () => {
    script = [text(404, "Not Found")];
    const error = await failure(fast().getPayment("pk_1"));
    expect(error).toBeInstanceOf(TossNotFoundError);
    expect(error).toMatchObject({ code: "HTTP_404", raw: "Not Found" });
  });
});
