import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { remoteBaseUrl, sandboxUnderTest, waitFor } from "./testkit";
import type { Delivery } from "./types";

type Sandbox = Awaited<ReturnType<typeof sandboxUnderTest>>;
type Body = Record<string, unknown> & { cancels: Record<string, unknown>[] | null; virtualAccount: Record<string, unknown> | null };
let sb: Sandbox;

// Deliveries stay in the sandbox (no endpoint): the tests read them through the control API.
beforeAll(async () => {
  sb = await sandboxUnderTest();
});
afterAll(() => sb.close());

const account = { bank: "88", accountNumber: "12345678901234", holderName: "김토스" };

async function paidCard(amount = 30000, extra: Record<string, unknown> = {}) {
  const a = await sb.authorize({ amount, ...extra });
  expect((await sb.confirm(a)).status).toBe(200);
  return { ...a, path: `/v1/payments/${a.paymentKey}/cancel` };
}

async function virtualAccount(amount = 20000, deposited = true) {
  const a = await sb.authorize({ amount, method: "가상계좌", bankCode: "88", customerName: "김토스" });
  await sb.confirm(a);
  if (deposited) await sb.api.post(`/__sandbox/virtual-accounts/${a.orderId}/deposit`);
  return { ...a, path: `/v1/payments/${a.paymentKey}/cancel` };
}

async function view(paymentKey: string) {
  return (await sb.api.get<{ payment: Body; sandbox: { calls: { cancel: Record<string, number> }; dashboardCancels: number } }>(`/__sandbox/payments/${paymentKey}`)).body;
}

async function statusChanges(paymentKey: string): Promise<Delivery[]> {
  const q = `?paymentKey=${paymentKey}&eventType=PAYMENT_STATUS_CHANGED`;
  return (await sb.api.get<{ deliveries: Delivery[] }>(`/__sandbox/webhooks${q}`)).body.deliveries;
}

describe.skipIf(!!remoteBaseUrl)("cancel rules (as Toss applies them)", () => {
  it("cancelReason is required and at most 200 characters", async () => {
    const p = await paidCard();
    expect(await sb.api.post(p.path, { cancelReason: "" })).toMatchObject({ status: 400, body: { code: "INVALID_REQUEST" } });
    expect(await sb.api.post(p.path, { cancelReason: "가".repeat(201) })).toMatchObject({ status: 400, body: { code: "INVALID_REQUEST" } });
    expect((await sb.api.post(p.path, { cancelReason: "가".repeat(200), cancelAmount: 100 })).status).toBe(200);
  });

  it("a stale refundableAmount is refused, so a second refund of the balance the owner saw fails", async () => {
    const p = await paidCard(30000);
    const first = await sb.api.post<Body>(p.path, { cancelReason: "부분 환불", cancelAmount: 10000, refundableAmount: 30000 });
    expect(first.body).toMatchObject({ status: "PARTIAL_CANCELED", balanceAmount: 20000 });
    const second = await sb.api.post(p.path, { cancelReason: "부분 환불", cancelAmount: 10000, refundableAmount: 30000 });
    expect(second).toMatchObject({ status: 400, body: { code: "NOT_MATCHES_REFUNDABLE_AMOUNT" } });
    const after = await view(p.paymentKey);
    expect(after.payment).toMatchObject({ balanceAmount: 20000, status: "PARTIAL_CANCELED" });
    expect(after.payment.cancels).toHaveLength(1);
    expect((await sb.api.post<Body>(p.path, { cancelReason: "나머지", refundableAmount: 20000 })).body).toMatchObject({ status: "CANCELED", balanceAmount: 0 });
  });

  it("cancelAmount above the balance → 403 NOT_CANCELABLE_AMOUNT, nothing changes", async () => {
    const p = await paidCard(30000);
    expect(await sb.api.post(p.path, { cancelReason: "x", cancelAmount: 30001 })).toMatchObject({ status: 403, body: { code: "NOT_CANCELABLE_AMOUNT" } });
    expect((await view(p.paymentKey)).payment).toMatchObject({ status: "DONE", balanceAmount: 30000, cancels: null });
  });

  it("isPartialCancelable false: a partial cancel → 403 NOT_ALLOWED_PARTIAL_REFUND, a full one goes through", async () => {
    const p = await paidCard(30000, { partialCancelable: false });
    expect((await view(p.paymentKey)).payment.isPartialCancelable).toBe(false);
    expect(await sb.api.post(p.path, { cancelReason: "x", cancelAmount: 1000 })).toMatchObject({ status: 403, body: { code: "NOT_ALLOWED_PARTIAL_REFUND" } });
    expect((await sb.api.post<Body>(p.path, { cancelReason: "전액" })).body).toMatchObject({ status: "CANCELED", balanceAmount: 0 });
    const exempt = await paidCard(30000, { taxExemptionAmount: 1000 });
    expect((await view(exempt.paymentKey)).payment.isPartialCancelable).toBe(false);
  });

  it("a fully canceled payment cannot be canceled again", async () => {
    const p = await paidCard();
    await sb.api.post(p.path, { cancelReason: "전액" });
    expect(await sb.api.post(p.path, { cancelReason: "again" })).toMatchObject({ status: 400, body: { code: "ALREADY_CANCELED_PAYMENT" } });
  });

  it("Idempotency-Key: the same cancel sent twice cancels once and answers the same", async () => {
    const p = await paidCard(30000);
    const h = { "Idempotency-Key": `cancel-${p.orderId}` };
    const a = await sb.api.post<Body>(p.path, { cancelReason: "부분", cancelAmount: 5000, refundableAmount: 30000 }, h);
    const b = await sb.api.post<Body>(p.path, { cancelReason: "부분", cancelAmount: 5000, refundableAmount: 30000 }, h);
    expect(b.body).toEqual(a.body);
    const v = await view(p.paymentKey);
    expect(v.payment.cancels).toHaveLength(1);
    expect(v.sandbox.calls.cancel).toMatchObject({ total: 2, executed: 1, replayed: 1 });
  });

  it("cancels[], balanceAmount, status and lastTransactionKey follow each cancel, and each sends PAYMENT_STATUS_CHANGED", async () => {
    const p = await paidCard(30000);
    const one = (await sb.api.post<Body>(p.path, { cancelReason: "하나", cancelAmount: 10000 })).body;
    expect(one).toMatchObject({ status: "PARTIAL_CANCELED", balanceAmount: 20000 });
    expect(one.lastTransactionKey).toBe(one.cancels![0]!.transactionKey);
    const two = (await sb.api.post<Body>(p.path, { cancelReason: "둘" })).body;
    expect(two).toMatchObject({ status: "CANCELED", balanceAmount: 0 });
    expect(two.cancels!.map((c) => [c.cancelAmount, c.refundableAmount])).toEqual([[10000, 20000], [20000, 0]]);
    expect(two.lastTransactionKey).toBe(two.cancels![1]!.transactionKey);
    const sent = (await statusChanges(p.paymentKey)).map((d) => (d.body as { data: { status: string } }).data.status);
    expect(sent).toEqual(["DONE", "PARTIAL_CANCELED", "CANCELED"]);
  });
});

describe.skipIf(!!remoteBaseUrl)("virtual-account cancels and refunds", () => {
  it("before the deposit: only a full cancel, which needs no refund account and closes the account", async () => {
    const v = await virtualAccount(20000, false);
    expect(await sb.api.post(v.path, { cancelReason: "x", cancelAmount: 1000 })).toMatchObject({ status: 403, body: { code: "NOT_ALLOWED_PARTIAL_REFUND_WAITING_DEPOSIT" } });
    expect((await sb.api.post<Body>(v.path, { cancelReason: "주문 취소" })).body).toMatchObject({ status: "CANCELED", balanceAmount: 0 });
    expect((await sb.api.post(`/__sandbox/virtual-accounts/${v.orderId}/deposit`)).status).toBe(409);
  });

  it("after the deposit: the refund account is required and checked (bank code, number, holder)", async () => {
    const v = await virtualAccount(20000);
    const cases: [Record<string, unknown> | undefined, number, string][] = [
      [undefined, 400, "INVALID_REFUND_ACCOUNT_INFO"],
      [{ ...account, bank: "99" }, 400, "INVALID_BANK"],
      [{ ...account, accountNumber: "1234-5678-90" }, 400, "INVALID_REFUND_ACCOUNT_NUMBER"],
      [{ ...account, accountNumber: "1".repeat(21) }, 400, "INVALID_REFUND_ACCOUNT_NUMBER"],
      [{ ...account, holderName: " " }, 400, "INVALID_REFUND_ACCOUNT_INFO"],
    ];
    for (const [refundReceiveAccount, status, code] of cases) {
      expect(await sb.api.post(v.path, { cancelReason: "x", cancelAmount: 1000, refundReceiveAccount })).toMatchObject({ status, body: { code } });
    }
    expect((await view(v.paymentKey)).payment).toMatchObject({ status: "DONE", balanceAmount: 20000 });
    const ok = await sb.api.post<Body>(v.path, { cancelReason: "부분 환불", cancelAmount: 5000, refundReceiveAccount: account });
    expect(ok.body).toMatchObject({ status: "PARTIAL_CANCELED", balanceAmount: 15000, virtualAccount: { refundStatus: "COMPLETED" } });
  });

  it("a refund that completes later, and one that fails: refundStatus PENDING, then COMPLETED or FAILED with a webhook", async () => {
    for (const result of ["COMPLETED", "FAILED"] as const) {
      const v = await virtualAccount(20000);
      await sb.api.post(`/__sandbox/virtual-accounts/${v.orderId}/refund-mode`, { mode: "PENDING" });
      const r = await sb.api.post<Body>(v.path, { cancelReason: "환불", refundReceiveAccount: account });
      expect(r.body).toMatchObject({ status: "CANCELED", balanceAmount: 0, virtualAccount: { refundStatus: "PENDING" } });
      expect(r.body.cancels![0]).toMatchObject({ cancelStatus: "DONE", cancelAmount: 20000 });
      const before = (await statusChanges(v.paymentKey)).length;
      const done = await sb.api.post<Body>(`/__sandbox/virtual-accounts/${v.orderId}/refund-result`, { result });
      expect(done.body).toMatchObject({ status: "CANCELED", virtualAccount: { refundStatus: result } });
      const sent = await waitFor(async () => {
        const all = await statusChanges(v.paymentKey);
        return all.length > before ? all : undefined;
      });
      expect((sent.at(-1)!.body as { data: Body }).data.virtualAccount).toMatchObject({ refundStatus: result });
      expect(await sb.api.post(`/__sandbox/virtual-accounts/${v.orderId}/refund-result`, { result })).toMatchObject({ status: 409 });
    }
  });
});

describe.skipIf(!!remoteBaseUrl)("cancels made in Toss's dashboard (control API)", () => {
  it("follow the same rules, send the same webhook, and are not REST calls", async () => {
    const p = await paidCard(30000);
    const control = `/__sandbox/payments/${p.paymentKey}/cancel`;
    expect(await sb.api.post(control, { cancelAmount: 40000 })).toMatchObject({ status: 403, body: { code: "NOT_CANCELABLE_AMOUNT" } });
    const partial = await sb.api.post<Body>(control, { cancelAmount: 10000 });
    expect(partial.body).toMatchObject({ status: "PARTIAL_CANCELED", balanceAmount: 20000, cancels: [{ cancelReason: "상점 관리자 취소", cancelAmount: 10000 }] });
    const v = await view(p.paymentKey);
    expect(v.sandbox.calls.cancel.total).toBe(0);
    expect(v.sandbox.dashboardCancels).toBe(1);
    const sent = (await statusChanges(p.paymentKey)).map((d) => (d.body as { data: { status: string } }).data.status);
    expect(sent).toEqual(["DONE", "PARTIAL_CANCELED"]);
  });
});
