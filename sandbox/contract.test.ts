import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, basic, orderId, remoteBaseUrl, sandboxUnderTest, waitFor } from "./testkit";

type Sandbox = Awaited<ReturnType<typeof sandboxUnderTest>>;
let sb: Sandbox;
let wire: Client; // the REST API under test: the sandbox, or TOSS_CONTRACT_BASE_URL

beforeAll(async () => {
  sb = await sandboxUnderTest();
  wire = remoteBaseUrl ? new Client(remoteBaseUrl) : sb.api;
});
afterAll(() => sb.close());

const PAYMENT_FIELDS = [
  "mId", "version", "paymentKey", "type", "orderId", "orderName", "currency", "method", "totalAmount", "balanceAmount",
  "status", "requestedAt", "approvedAt", "useEscrow", "lastTransactionKey", "transactionKey", "suppliedAmount", "vat",
  "cultureExpense", "taxFreeAmount", "taxExemptionAmount", "cancels", "isPartialCancelable", "card", "virtualAccount",
  "transfer", "mobilePhone", "giftCertificate", "cashReceipt", "cashReceipts", "discount", "secret", "metadata", "receipt",
  "checkout", "easyPay", "easyPayAmount", "easyPayDiscountAmount", "country", "failure",
];
const KST = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+09:00$/;

describe("wire: authentication and malformed input (runs against any base URL)", () => {
  it("missing or non-Basic Authorization → 401 UNAUTHORIZED_KEY", async () => {
    for (const auth of [null, "Bearer abc", "Basic"]) {
      const r = await wire.call("GET", "/v1/payments/nope_123456", { auth });
      expect(r.status).toBe(401);
      expect(r.body).toMatchObject({ code: "UNAUTHORIZED_KEY" });
      expect(typeof r.body.message).toBe("string");
    }
  });
  it("secret key without the trailing colon → 403 INCORRECT_BASIC_AUTH_FORMAT", async () => {
    const r = await wire.call("GET", "/v1/payments/nope_123456", { auth: basic(wire.key, false) });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe("INCORRECT_BASIC_AUTH_FORMAT");
  });
  it("unknown and live keys → 401 UNAUTHORIZED_KEY", async () => {
    for (const key of ["nonsense", "live_gsk_jangteo_sandbox_OaPz8L5KdmQXkzRz", "test_gsk_", "\uFEFFtest_gsk_abc_def"]) {
      const r = await wire.call("GET", "/v1/payments/nope_123456", { auth: basic(key) });
      expect(r.status, key).toBe(401);
      expect(r.body.code).toBe("UNAUTHORIZED_KEY");
    }
  });
  it("a client key or an API-individual key used as the secret → 400 INVALID_API_KEY", async () => {
    for (const key of ["test_gck_jangteo_sandbox_0Ovk5rk1EwkEbP0W", "test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R", "test_ck_D5GePWvyJnrK0W0k6q8gLzN97Eoq"]) {
      const r = await wire.call("GET", "/v1/payments/nope_123456", { auth: basic(key) });
      expect(r.status, key).toBe(400);
      expect(r.body.code).toBe("INVALID_API_KEY");
    }
  });
  it("unknown payment → 404 NOT_FOUND_PAYMENT (by key and by orderId)", async () => {
    for (const path of ["/v1/payments/tgen_nope", "/v1/payments/orders/no_such_order"]) {
      const r = await wire.get(path);
      expect(r.status).toBe(404);
      expect(r.body.code).toBe("NOT_FOUND_PAYMENT");
    }
  });
  it("confirm of an unknown paymentKey → 404 NOT_FOUND_PAYMENT_SESSION", async () => {
    const r = await wire.post("/v1/payments/confirm", { paymentKey: "tgen_nope", orderId: "order_nope", amount: 1000 });
    expect(r.status).toBe(404);
    expect(r.body.code).toBe("NOT_FOUND_PAYMENT_SESSION");
  });
  it("malformed JSON, non-objects, wrong types and missing fields → 400 INVALID_REQUEST", async () => {
    const bodies = ["{bad", "", "[]", "null", "42", JSON.stringify({ paymentKey: 1, orderId: "order_1", amount: 10 }),
      JSON.stringify({ paymentKey: "k", orderId: "order_1", amount: "12a" }), JSON.stringify({ paymentKey: "k", orderId: "order_1" }),
      JSON.stringify({ paymentKey: "k", orderId: "order_1", amount: -5 })];
    for (const raw of bodies) {
      const r = await wire.call("POST", "/v1/payments/confirm", { raw });
      expect(r.status, raw).toBe(400);
      expect(r.body.code, raw).toBe("INVALID_REQUEST");
    }
    const c = await wire.call("POST", "/v1/payments/tgen_nope/cancel", { raw: "{oops" });
    expect(c.status).toBe(400);
  });
  it("a huge body → 413 Toss-shaped, and the server keeps answering", async () => {
    const r = await wire.call("POST", "/v1/payments/confirm", { raw: JSON.stringify({ paymentKey: "x".repeat(200_000) }) });
    expect(r.status).toBe(413);
    expect(r.body.code).toBe("INVALID_REQUEST");
    expect((await wire.get("/v1/payments/tgen_nope")).status).toBe(404);
  });
  it("unknown routes and methods → 404 NOT_FOUND, Toss-shaped", async () => {
    for (const [m, p] of [["GET", "/v1/nothing"], ["DELETE", "/v1/payments/abc"], ["POST", "/v1/payments/abc/refund"], ["GET", "/v1/payments/%E0%A4%A"]]) {
      const r = await wire.call(m!, p!);
      expect([400, 404], `${m} ${p}`).toContain(r.status);
      expect(typeof r.body.code).toBe("string");
    }
  });
  it("TossPayments-Test-Code forces that error with its documented status and message", async () => {
    const cases: [string, number, string][] = [
      ["REJECT_CARD_COMPANY", 403, "결제 승인이 거절되었습니다."],
      ["PROVIDER_ERROR", 400, "일시적인 오류가 발생했습니다. 잠시 후 다시 시도해주세요."],
      ["FAILED_INTERNAL_SYSTEM_PROCESSING", 500, "내부 시스템 처리 작업이 실패했습니다. 잠시 후 다시 시도해주세요."],
      ["NOT_FOUND_PAYMENT_SESSION", 404, "결제 시간이 만료되어 결제 진행 데이터가 존재하지 않습니다."],
    ];
    for (const [code, status, message] of cases) {
      const r = await wire.post("/v1/payments/confirm", { paymentKey: "tgen_any", orderId: "order_any", amount: 1000 }, { "TossPayments-Test-Code": code });
      expect(r.status, code).toBe(status);
      expect(r.body).toEqual({ code, message });
    }
    const c = await wire.post("/v1/payments/tgen_any/cancel", { cancelReason: "x" }, { "TossPayments-Test-Code": "NOT_CANCELABLE_AMOUNT" });
    expect(c).toMatchObject({ status: 403, body: { code: "NOT_CANCELABLE_AMOUNT" } });
  });
  it("Idempotency-Key over 300 characters → 400 INVALID_IDEMPOTENCY_KEY", async () => {
    const r = await wire.post("/v1/payments/confirm", { paymentKey: "k", orderId: "order_1", amount: 1 }, { "Idempotency-Key": "k".repeat(301) });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe("INVALID_IDEMPOTENCY_KEY");
  });
});

describe.skipIf(!!remoteBaseUrl)("confirm, get and cancel (sandbox: authorized through the control API)", () => {
  it("authorize returns the exact success URL, keeping any existing query", async () => {
    const a = await sb.authorize({ successUrl: "http://localhost:3000/order/success?orderPk=1&x=a%20b", amount: 121212 });
    expect(a.successUrl).toBe(
      `http://localhost:3000/order/success?orderPk=1&x=a%20b&paymentType=NORMAL&orderId=${a.orderId}&paymentKey=${a.paymentKey}&amount=121212`,
    );
    const p = await sb.api.get(`/v1/payments/${a.paymentKey}`);
    expect(p.body).toMatchObject({ status: "IN_PROGRESS", approvedAt: null, secret: null, lastTransactionKey: null });
  });

  it("card confirm → DONE with every Payment field, KST times and VAT arithmetic; numeric-string amount accepted", async () => {
    const a = await sb.authorize({ amount: 15000 });
    const r = await sb.api.post("/v1/payments/confirm", { paymentKey: a.paymentKey, orderId: a.orderId, amount: "15000" });
    expect(r.status).toBe(200);
    expect(Object.keys(r.body).sort()).toEqual([...PAYMENT_FIELDS].sort());
    expect(r.body).toMatchObject({
      version: "2022-11-16", type: "NORMAL", status: "DONE", method: "카드", currency: "KRW", country: "KR",
      totalAmount: 15000, balanceAmount: 15000, vat: 1364, suppliedAmount: 13636, taxFreeAmount: 0,
      cancels: null, virtualAccount: null, transfer: null, easyPay: null, failure: null, isPartialCancelable: true,
      card: { amount: 15000, number: "12345678****000*", approveNo: "00000000", cardType: "신용", acquireStatus: "READY" },
    });
    expect(r.body.requestedAt).toMatch(KST);
    expect(r.body.approvedAt).toMatch(KST);
    expect(r.body.secret).toMatch(/^ps_\w{27}$/);
    expect(r.body.lastTransactionKey).toMatch(/^txrd_[a-z0-9]{27}$/);
    expect((await sb.api.get(`/v1/payments/orders/${a.orderId}`)).body).toEqual(r.body);
    expect((await sb.api.get(`/v1/payments/${a.paymentKey}`)).body).toEqual(r.body);
  });

  it("VAT: 50000 → 4545, 9026 → 821, tax-free part excluded", async () => {
    for (const [amount, taxFreeAmount, vat, supplied] of [[50000, 0, 4545, 45455], [9026, 0, 821, 8205], [11000, 1000, 909, 9091]]) {
      const a = await sb.authorize({ amount, taxFreeAmount });
      const r = await sb.confirm(a);
      expect(r.body, String(amount)).toMatchObject({ vat, suppliedAmount: supplied, taxFreeAmount });
    }
  });

  it("transfer and easy pay → DONE with their blocks", async () => {
    const t = await sb.confirm(await sb.authorize({ method: "TRANSFER" }));
    expect(t.body).toMatchObject({ status: "DONE", method: "계좌이체", transfer: { bankCode: "88", settlementStatus: "INCOMPLETED" }, card: null });
    const e = await sb.confirm(await sb.authorize({ method: "간편결제", amount: 50000 }));
    expect(e.body).toMatchObject({ status: "DONE", method: "간편결제", easyPay: { provider: "토스페이", amount: 50000, discountAmount: 0 }, card: null });
  });

  it("second confirm → 400 ALREADY_PROCESSED_PAYMENT; mismatched amount or orderId refused without changing state", async () => {
    const a = await sb.authorize();
    const wrongAmount = await sb.api.post("/v1/payments/confirm", { paymentKey: a.paymentKey, orderId: a.orderId, amount: a.amount + 1 });
    expect(wrongAmount).toMatchObject({ status: 400, body: { code: "INVALID_REQUEST" } });
    const wrongOrder = await sb.api.post("/v1/payments/confirm", { paymentKey: a.paymentKey, orderId: "other_order", amount: a.amount });
    expect(wrongOrder).toMatchObject({ status: 404, body: { code: "NOT_FOUND_PAYMENT_SESSION" } });
    expect((await sb.confirm(a)).status).toBe(200);
    const again = await sb.confirm(a);
    expect(again).toMatchObject({ status: 400, body: { code: "ALREADY_PROCESSED_PAYMENT", message: "이미 처리된 결제 입니다." } });
  });

  it("another merchant's key: confirm → INVALID_API_KEY, read → NOT_FOUND_PAYMENT", async () => {
    const a = await sb.authorize();
    const other = new Client(sb.url, "test_gsk_othershop_Xyz123");
    const c = await other.post("/v1/payments/confirm", { paymentKey: a.paymentKey, orderId: a.orderId, amount: a.amount });
    expect(c).toMatchObject({ status: 400, body: { code: "INVALID_API_KEY" } });
    expect((await other.get(`/v1/payments/${a.paymentKey}`)).status).toBe(404);
    // any test_gsk_ key of the same (or the shared) merchant works
    const ok = await new Client(sb.url, "test_gsk_jangteo_sandbox_AnotherKey").post("/v1/payments/confirm", { paymentKey: a.paymentKey, orderId: a.orderId, amount: a.amount });
    expect(ok.status).toBe(200);
  });

  it("unconfirmed for 10 minutes → EXPIRED with EXPIRED_PAYMENT; confirm → NOT_FOUND_PAYMENT_SESSION", async () => {
    const own = await sandboxUnderTest();
    try {
      const a = await own.authorize();
      await own.api.post("/__sandbox/clock/advance", { minutes: 9 });
      expect((await own.api.get(`/v1/payments/${a.paymentKey}`)).body.status).toBe("IN_PROGRESS");
      await own.api.post("/__sandbox/clock/advance", { minutes: 1 });
      const p = await own.api.get(`/v1/payments/${a.paymentKey}`);
      expect(p.body).toMatchObject({ status: "EXPIRED", secret: null, failure: { code: "EXPIRED_PAYMENT", message: "결제가 만료되었습니다. 다시 시도해주세요." } });
      expect(await own.confirm(a)).toMatchObject({ status: 404, body: { code: "NOT_FOUND_PAYMENT_SESSION" } });
      // the orderId may be used again after expiry
      expect((await own.authorize({ orderId: a.orderId })).paymentKey).not.toBe(a.paymentKey);
    } finally {
      await own.close();
    }
  });

  it("duplicate orderId while a payment is live → DUPLICATED_ORDER_ID", async () => {
    const a = await sb.authorize();
    const r = await sb.api.post("/__sandbox/payments/authorize", { orderId: a.orderId, orderName: "x", amount: 1000, method: "카드", successUrl: "http://x.test/s" });
    expect(r).toMatchObject({ status: 400, body: { code: "DUPLICATED_ORDER_ID" } });
  });

  it("cancel: reason required, partial then full, over-balance, second full cancel", async () => {
    const a = await sb.authorize({ amount: 200000 });
    await sb.confirm(a);
    const path = `/v1/payments/${a.paymentKey}/cancel`;
    expect(await sb.api.post(path, { cancelAmount: 1000 })).toMatchObject({ status: 400, body: { code: "INVALID_REQUEST" } });
    expect(await sb.api.post(path, { cancelReason: "x", cancelAmount: "1000" })).toMatchObject({ status: 400, body: { code: "INVALID_REQUEST" } });
    const partial = await sb.api.post<Record<string, unknown> & { cancels: Record<string, unknown>[] }>(path, { cancelReason: "과오납부", cancelAmount: 1000 });
    expect(partial.status).toBe(200);
    expect(partial.body).toMatchObject({ status: "PARTIAL_CANCELED", balanceAmount: 199000, totalAmount: 200000 });
    expect(partial.body.cancels).toHaveLength(1);
    expect(partial.body.cancels[0]).toMatchObject({ cancelAmount: 1000, cancelReason: "과오납부", refundableAmount: 199000, cancelStatus: "DONE", receiptKey: null, cancelRequestId: null, taxFreeAmount: 0 });
    expect(partial.body.cancels[0]!.canceledAt).toMatch(KST);
    expect(partial.body.lastTransactionKey).toBe(partial.body.cancels[0]!.transactionKey);
    expect(await sb.api.post(path, { cancelReason: "x", cancelAmount: 199001 })).toMatchObject({ status: 403, body: { code: "NOT_CANCELABLE_AMOUNT" } });
    expect(await sb.api.post(path, { cancelReason: "x", refundableAmount: 5 })).toMatchObject({ status: 400, body: { code: "NOT_MATCHES_REFUNDABLE_AMOUNT" } });
    const full = await sb.api.post<Record<string, unknown> & { cancels: unknown[] }>(path, { cancelReason: "고객 변심" });
    expect(full.body).toMatchObject({ status: "CANCELED", balanceAmount: 0, vat: 0, suppliedAmount: 0 });
    expect(full.body.cancels).toHaveLength(2);
    expect(await sb.api.post(path, { cancelReason: "again" })).toMatchObject({ status: 400, body: { code: "ALREADY_CANCELED_PAYMENT" } });
  });

  it("cancel of an unconfirmed payment → 403 NOT_CANCELABLE_PAYMENT; unknown → 404", async () => {
    const a = await sb.authorize();
    expect(await sb.api.post(`/v1/payments/${a.paymentKey}/cancel`, { cancelReason: "x" })).toMatchObject({ status: 403, body: { code: "NOT_CANCELABLE_PAYMENT" } });
    expect(await sb.api.post(`/v1/payments/tgen_nope/cancel`, { cancelReason: "x" })).toMatchObject({ status: 404, body: { code: "NOT_FOUND_PAYMENT" } });
  });
});

describe.skipIf(!!remoteBaseUrl)("idempotency", () => {
  it("replays the first response (success) for the same key, API key, path and method; counts replays", async () => {
    const a = await sb.authorize();
    const h = { "Idempotency-Key": `idem-${orderId()}` };
    const first = await sb.confirm(a, h);
    const second = await sb.confirm(a, h);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    const view = await sb.api.get<{ sandbox: { calls: { confirm: Record<string, number> } } }>(`/__sandbox/payments/${a.paymentKey}`);
    expect(view.body.sandbox.calls.confirm).toMatchObject({ total: 2, executed: 1, replayed: 1, succeeded: 1 });
    // a fresh key runs the request for real
    expect((await sb.confirm(a, { "Idempotency-Key": `idem-${orderId()}` })).body.code).toBe("ALREADY_PROCESSED_PAYMENT");
  });

  it("replays errors too, and the body is not part of the match", async () => {
    const a = await sb.authorize();
    const h = { "Idempotency-Key": `idem-${orderId()}` };
    const bad = await sb.api.post("/v1/payments/confirm", { paymentKey: a.paymentKey, orderId: a.orderId, amount: 1 }, h);
    expect(bad.status).toBe(400);
    const same = await sb.confirm(a, h); // now correct, but the same key → the first (error) answer
    expect(same).toEqual(expect.objectContaining({ status: 400, body: bad.body }));
    expect((await sb.confirm(a)).status).toBe(200);
  });

  it("the same key on another path, method or API key is a different request; GET ignores the header", async () => {
    const a = await sb.authorize();
    const key = `idem-${orderId()}`;
    expect((await sb.confirm(a, { "Idempotency-Key": key })).status).toBe(200);
    const cancel = await sb.api.post(`/v1/payments/${a.paymentKey}/cancel`, { cancelReason: "x" }, { "Idempotency-Key": key });
    expect(cancel.body.status).toBe("CANCELED");
    const other = new Client(sb.url, "test_gsk_jangteo_sandbox_SecondKey");
    expect((await other.post("/v1/payments/confirm", { paymentKey: a.paymentKey, orderId: a.orderId, amount: a.amount }, { "Idempotency-Key": key })).body.code).toBe("ALREADY_PROCESSED_PAYMENT");
    const g1 = await sb.api.get(`/v1/payments/${a.paymentKey}`, { "Idempotency-Key": "k".repeat(400) });
    expect(g1.status).toBe(200);
  });

  it("409 IDEMPOTENT_REQUEST_PROCESSING while the first request is in flight", async () => {
    const a = await sb.authorize();
    await sb.api.post(`/__sandbox/payments/${a.paymentKey}/script`, { confirm: [{ delayMs: 2_000 }] });
    const h = { "Idempotency-Key": `idem-${orderId()}` };
    const first = sb.confirm(a, h);
    await waitFor(async () => {
      const view = await sb.api.get<{ sandbox: { calls: { confirm: { total: number } } } }>(`/__sandbox/payments/${a.paymentKey}`);
      return view.body.sandbox.calls.confirm.total >= 1 || undefined;
    }, "the first confirm to reach the sandbox");
    const second = await sb.confirm(a, h);
    expect(second).toMatchObject({ status: 409, body: { code: "IDEMPOTENT_REQUEST_PROCESSING", message: "이전 멱등 요청이 처리중입니다." } });
    expect((await first).status).toBe(200);
    expect((await sb.confirm(a, h)).status).toBe(200);
  });
});

describe.skipIf(!!remoteBaseUrl)("scripted outcomes", () => {
  it("confirm consumes one entry per call: transient error, delay, then refusal that aborts", async () => {
    const a = await sb.authorize();
    await sb.api.post(`/__sandbox/payments/${a.paymentKey}/script`, {
      confirm: [{ status: 500, code: "FAILED_INTERNAL_SYSTEM_PROCESSING" }, { code: "PROVIDER_ERROR" }],
    });
    expect(await sb.confirm(a)).toMatchObject({ status: 500, body: { code: "FAILED_INTERNAL_SYSTEM_PROCESSING" } });
    expect(await sb.confirm(a)).toMatchObject({ status: 400, body: { code: "PROVIDER_ERROR" } });
    expect((await sb.confirm(a)).status).toBe(200);

    const b = await sb.authorize();
    await sb.api.post(`/__sandbox/payments/${b.paymentKey}/script`, { confirm: [{ delayMs: 200 }, { code: "REJECT_CARD_COMPANY" }] });
    // The delayed confirm answers after a read sent while it waits: an order, not a stopwatch.
    const finished: string[] = [];
    const delayedCall = sb.api.post("/v1/payments/confirm", { paymentKey: b.paymentKey, orderId: b.orderId, amount: 1 }).then((r) => (finished.push("confirm"), r));
    await sb.api.get(`/v1/payments/${b.paymentKey}`).then(() => finished.push("read"));
    const delayed = await delayedCall;
    expect(finished).toEqual(["read", "confirm"]);
    expect(delayed.body.code).toBe("INVALID_REQUEST"); // the delay proceeds normally (wrong amount here)
    expect(await sb.confirm(b)).toMatchObject({ status: 403, body: { code: "REJECT_CARD_COMPANY" } });
    const p = await sb.api.get(`/v1/payments/${b.paymentKey}`);
    expect(p.body).toMatchObject({ status: "ABORTED", failure: { code: "REJECT_CARD_COMPANY" } });
    expect(await sb.confirm(b)).toMatchObject({ status: 404, body: { code: "NOT_FOUND_PAYMENT_SESSION" } });
    const view = await sb.api.get<{ sandbox: { calls: { confirm: Record<string, number> } } }>(`/__sandbox/payments/${b.paymentKey}`);
    expect(view.body.sandbox.calls.confirm).toMatchObject({ total: 3, executed: 3, succeeded: 0 });
  });

  it("a script held for an order applies to the payment authorized for it, once", async () => {
    const id = orderId();
    const held = await sb.api.post(`/__sandbox/orders/${id}/script`, { confirm: [{ status: 500, code: "FAILED_INTERNAL_SYSTEM_PROCESSING" }] });
    expect(held).toMatchObject({ status: 200, body: { orderId: id, script: { confirm: [{ code: "FAILED_INTERNAL_SYSTEM_PROCESSING" }], cancel: [] } } });
    const a = await sb.authorize({ orderId: id });
    expect(await sb.confirm(a)).toMatchObject({ status: 500, body: { code: "FAILED_INTERNAL_SYSTEM_PROCESSING" } });
    expect(await sb.confirm(a)).toMatchObject({ status: 200, body: { status: "DONE" } });
    // Used up: another order's payment starts with no script.
    const b = await sb.authorize();
    expect((await sb.confirm(b)).status).toBe(200);
    expect((await sb.api.post(`/__sandbox/orders/${id}/script`, { confirm: [{ delayMs: "soon" }] })).status).toBe(400);
  });

  it("bad script bodies are refused", async () => {
    const a = await sb.authorize();
    expect((await sb.api.post(`/__sandbox/payments/${a.paymentKey}/script`, { confirm: [{ delayMs: "soon" }] })).status).toBe(400);
    expect((await sb.api.post(`/__sandbox/payments/tgen_nope/script`, { confirm: [] })).status).toBe(404);
  });
});

describe.skipIf(!!remoteBaseUrl)("payment window", () => {
  const q = (extra: Record<string, string>) =>
    new URLSearchParams({ orderId: orderId(), orderName: "물 2병", amount: "12000", method: "카드", successUrl: "http://shop.test/ok?a=1", failUrl: "http://shop.test/fail", mode: "redirect", ...extra });

  it("shows order name and amount, and redirects per decision", async () => {
    const params = q({});
    const page = await fetch(`${sb.url}/payment-window?${params}`);
    const text = await page.text();
    expect(text).toContain("물 2병");
    expect(text).toContain("12,000원");
    for (const label of ["결제 승인", "결제 취소", "카드 거절"]) expect(text).toContain(`>${label}</button>`);
    const decide = (decision: string, p = params) =>
      fetch(`${sb.url}/payment-window?${p}`, { method: "POST", body: new URLSearchParams({ decision }), redirect: "manual" });
    const cancel = new URL((await decide("cancel")).headers.get("location")!);
    expect(Object.fromEntries(cancel.searchParams)).toEqual({ code: "PAY_PROCESS_CANCELED", message: "사용자에 의해 결제가 취소되었습니다.", orderId: params.get("orderId") });
    const reject = new URL((await decide("reject")).headers.get("location")!);
    expect(reject.searchParams.get("code")).toBe("REJECT_CARD_COMPANY");
    const ok = await decide("approve");
    expect(ok.status).toBe(303);
    const loc = new URL(ok.headers.get("location")!);
    expect([...loc.searchParams.keys()]).toEqual(["a", "paymentType", "orderId", "paymentKey", "amount"]);
    // a second approval of the same order: DUPLICATED_ORDER_ID to failUrl
    const dup = new URL((await decide("approve")).headers.get("location")!);
    expect(dup.searchParams.get("code")).toBe("DUPLICATED_ORDER_ID");
  });

  it("virtual account window has the bank select; invalid requests get an error page", async () => {
    const text = await (await fetch(`${sb.url}/payment-window?${q({ method: "가상계좌" })}`)).text();
    expect(text).toContain('<label for="bankCode">입금 은행</label>');
    const bad = await fetch(`${sb.url}/payment-window?orderId=x`);
    expect(bad.status).toBe(400);
  });

  it("serves the widget script and the health check", async () => {
    const js = await fetch(`${sb.url}/v1/payment-widget`);
    expect(js.headers.get("content-type")).toContain("javascript");
    const src = await js.text();
    expect(src).toContain("window.PaymentWidget = PaymentWidget");
    expect(() => new Function(src)).not.toThrow();
    expect(await (await fetch(`${sb.url}/__sandbox/health`)).json()).toEqual({ ok: true });
  });
});

// toss-api.md lists cashReceipt / cashReceipts but not when they appear: the sandbox issues the
// receipt when the money arrives (계좌이체 at confirm, 가상계좌 at the deposit) and adds a CANCEL
// entry to cashReceipts per refund, keeping cashReceipt as issued (see sandbox/README.md).
describe.skipIf(!!remoteBaseUrl)("cash receipts (현금영수증)", () => {
  type Receipt = { type: string; receiptKey: string; issueNumber: string; receiptUrl: string; amount: number; taxFreeAmount: number };
  type Entry = { transactionType: string; amount: number; issueStatus: string; customerIdentityNumber: string; type: string; receiptKey: string };
  type WithReceipt = { status: string; cashReceipt: Receipt | null; cashReceipts: Entry[] | null };

  it("a 계좌이체 with 지출증빙 returns cashReceipt at confirm, and a partial refund adds a CANCEL entry", async () => {
    const a = await sb.authorize({ method: "계좌이체", amount: 20000, cashReceipt: { type: "지출증빙", customerIdentityNumber: "123-45-67890" } });
    const confirmed = await sb.confirm(a);
    expect(confirmed.status).toBe(200);
    const paid = confirmed.body as WithReceipt;
    expect(paid.cashReceipt).toMatchObject({ type: "지출증빙", amount: 20000, taxFreeAmount: 0 });
    expect(paid.cashReceipt!.issueNumber).toMatch(/^\d{9}$/);
    expect(paid.cashReceipt!.receiptUrl).toMatch(/^https:\/\/dashboard-sandbox\.tosspayments\.com\/receipt\/cash-receipt\?/);
    expect(paid.cashReceipts).toEqual([expect.objectContaining({ transactionType: "CONFIRM", amount: 20000, issueStatus: "COMPLETED", customerIdentityNumber: "12345*****", receiptKey: paid.cashReceipt!.receiptKey })]);

    const canceled = (await sb.api.post(`/v1/payments/${a.paymentKey}/cancel`, { cancelReason: "일부 환불", cancelAmount: 5000 })).body as WithReceipt;
    expect(canceled.status).toBe("PARTIAL_CANCELED");
    expect(canceled.cashReceipt).toEqual(paid.cashReceipt);
    expect(canceled.cashReceipts!.map((e) => [e.transactionType, e.amount])).toEqual([["CONFIRM", 20000], ["CANCEL", 5000]]);
    const read = (await sb.api.get(`/v1/payments/${a.paymentKey}`)).body as WithReceipt;
    expect(read.cashReceipts).toHaveLength(2);
  });

  it("a 가상계좌 with 소득공제 has no receipt until the deposit, then one for the amount", async () => {
    const a = await sb.authorize({ method: "가상계좌", amount: 18800, cashReceipt: { type: "소득공제", customerIdentityNumber: "01012345678" } });
    const issued = (await sb.confirm(a)).body as WithReceipt;
    expect(issued.status).toBe("WAITING_FOR_DEPOSIT");
    expect(issued.cashReceipt).toBeNull();
    expect(issued.cashReceipts).toBeNull();
    expect((await sb.api.post(`/__sandbox/virtual-accounts/${a.orderId}/deposit`, {})).status).toBe(200);
    const paid = (await sb.api.get(`/v1/payments/${a.paymentKey}`)).body as WithReceipt;
    expect(paid.status).toBe("DONE");
    expect(paid.cashReceipt).toMatchObject({ type: "소득공제", amount: 18800 });
    expect(paid.cashReceipts![0]).toMatchObject({ transactionType: "CONFIRM", customerIdentityNumber: "010****5678" });
  });

  it("is refused for a card, or with a number that does not fit its type", async () => {
    const card = await sb.api.post("/__sandbox/payments/authorize", { orderId: orderId(), orderName: "생수", amount: 1000, method: "카드", cashReceipt: { type: "소득공제", customerIdentityNumber: "01012345678" } });
    expect(card.status).toBe(400);
    const wrong = await sb.api.post("/__sandbox/payments/authorize", { orderId: orderId(), orderName: "생수", amount: 1000, method: "계좌이체", cashReceipt: { type: "지출증빙", customerIdentityNumber: "01012345678" } });
    expect(wrong.status).toBe(400);
  });

  it("the payment window offers it for 계좌이체 and 가상계좌 only", async () => {
    const params = (method: string) => new URLSearchParams({ orderId: orderId(), orderName: "물", amount: "12000", method, successUrl: "http://shop.test/ok", failUrl: "http://shop.test/fail", mode: "redirect" });
    for (const method of ["계좌이체", "가상계좌"]) expect(await (await fetch(`${sb.url}/payment-window?${params(method)}`)).text()).toContain("<legend>현금영수증</legend>");
    expect(await (await fetch(`${sb.url}/payment-window?${params("카드")}`)).text()).not.toContain("현금영수증");
    const p = params("계좌이체");
    const approved = await fetch(`${sb.url}/payment-window?${p}`, { method: "POST", body: new URLSearchParams({ decision: "approve", cashReceiptType: "소득공제", cashReceiptNumber: "010-1234-5678" }), redirect: "manual" });
    const paymentKey = new URL(approved.headers.get("location")!).searchParams.get("paymentKey")!;
    const confirmed = (await sb.api.post("/v1/payments/confirm", { paymentKey, orderId: p.get("orderId"), amount: 12000 })).body as WithReceipt;
    expect(confirmed.cashReceipt).toMatchObject({ type: "소득공제", amount: 12000 });
  });
});
