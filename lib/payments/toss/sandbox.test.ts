import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "@/lib/testing/sandbox";
import { tossFailure } from "@/lib/testing/toss";
import {
  TossAlreadyProcessedError,
  TossAuthError,
  TossInvalidRequestError,
  TossNotFoundError,
  TossRejectedError,
  TossSessionExpiredError,
  TossTransientError,
} from "./errors";
import {
  canBeCanceled,
  canBePartiallyCanceled,
  cancelableAmount,
  canceledAmount,
  cancelNeedsRefundAccount,
  isCanceled,
  isPaid,
  isVirtualAccount,
  isWaitingForDeposit,
  virtualAccountBankName,
} from "@/lib/testing/payment-questions";
import { paymentOutcome } from "./snapshot";

// The client against the bundled sandbox, which plays Toss's side of the wire.
let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox?.close());

const key = () => ({ idempotencyKey: randomUUID() });

const failure = tossFailure;

async function confirmed(input: Parameters<TestSandbox["authorize"]>[0] = {}) {
  const authorized = await sandbox.authorize(input);
  return sandbox.client.confirmPayment(authorized, key());
}

describe("happy paths", () => {
  it("confirms a card payment and reads it back by key and by order id", async () => {
    const { paymentKey, orderId, amount } = await sandbox.authorize({ amount: 15_000 });
    const payment = await sandbox.client.confirmPayment({ paymentKey, orderId, amount }, key());

    expect(payment).toMatchObject({ paymentKey, orderId, totalAmount: 15_000, balanceAmount: 15_000, method: "카드", type: "NORMAL" });
    expect(payment.vat).toBe(1364);
    expect(payment.card).not.toBeNull();
    expect(isPaid(payment)).toBe(true);
    expect(paymentOutcome(payment)).toBe("PAID");
    expect(canBePartiallyCanceled(payment)).toBe(true);
    expect(cancelableAmount(payment)).toBe(15_000);

    expect(await sandbox.client.getPayment(paymentKey)).toEqual(payment);
    expect(await sandbox.client.getPaymentByOrderId(orderId)).toEqual(payment);
  });

  it("confirms easy pay and transfer", async () => {
    expect((await confirmed({ method: "간편결제" })).easyPay).not.toBeNull();
    expect(isPaid(await confirmed({ method: "계좌이체" }))).toBe(true);
  });

  it("issues a virtual account, takes its deposit, and refunds it to an account", async () => {
    const payment = await confirmed({ method: "가상계좌", bankCode: "88", amount: 30_000 });
    expect(isVirtualAccount(payment)).toBe(true);
    expect(isWaitingForDeposit(payment)).toBe(true);
    expect(payment.approvedAt).toBeNull();
    expect(payment.secret).toMatch(/^ps_/);
    expect(virtualAccountBankName(payment)).toBe("신한은행");
    expect(canBeCanceled(payment)).toBe(true);
    expect(canBePartiallyCanceled(payment)).toBe(false);
    expect(cancelNeedsRefundAccount(payment)).toBe(false);

    await sandbox.control("POST", `/virtual-accounts/${payment.orderId}/deposit`, {});
    const deposited = await sandbox.client.getPayment(payment.paymentKey);
    expect(isPaid(deposited)).toBe(true);
    expect(cancelNeedsRefundAccount(deposited)).toBe(true);

    const refunded = await sandbox.client.cancelPayment(
      payment.paymentKey,
      { cancelReason: "고객 변심", refundReceiveAccount: { bank: "88", accountNumber: "12345678901234", holderName: "홍길동" } },
      key(),
    );
    expect(isCanceled(refunded)).toBe(true);
  });

  it("cancels partly, then the rest, then refuses a third cancel as already processed", async () => {
    const payment = await confirmed({ amount: 10_000 });
    const partial = await sandbox.client.cancelPayment(payment.paymentKey, { cancelReason: "부분 환불", cancelAmount: 3_000 }, key());
    expect(paymentOutcome(partial)).toBe("PARTIAL_CANCELED");
    expect(partial.balanceAmount).toBe(7_000);
    expect(canceledAmount(partial)).toBe(3_000);
    expect(cancelableAmount(partial)).toBe(7_000);
    expect(partial.lastTransactionKey).toBe(partial.cancels?.at(-1)?.transactionKey);

    const full = await sandbox.client.cancelPayment(payment.paymentKey, { cancelReason: "전체 환불" }, key());
    expect(isCanceled(full)).toBe(true);
    expect(full.balanceAmount).toBe(0);
    expect(canceledAmount(full)).toBe(10_000);
    expect(canBeCanceled(full)).toBe(false);

    const again = await failure(sandbox.client.cancelPayment(payment.paymentKey, { cancelReason: "또" }, key()));
    expect(again).toBeInstanceOf(TossAlreadyProcessedError);
  });
});

describe("idempotency", () => {
  it("replays a confirm sent twice with the same key", async () => {
    const authorized = await sandbox.authorize();
    const options = key();
    const first = await sandbox.client.confirmPayment(authorized, options);
    const second = await sandbox.client.confirmPayment(authorized, options);
    expect(second).toEqual(first);
  });

  it("refuses a second confirm under a new key as already processed", async () => {
    const authorized = await sandbox.authorize();
    await sandbox.client.confirmPayment(authorized, key());
    const error = await failure(sandbox.client.confirmPayment(authorized, key()));
    expect(error).toBeInstanceOf(TossAlreadyProcessedError);
    expect(error).toMatchObject({ code: "ALREADY_PROCESSED_PAYMENT", httpStatus: 400, retryable: false });
  });

  it("replays a cancel sent twice with the same key instead of canceling twice", async () => {
    const payment = await confirmed({ amount: 10_000 });
    const options = key();
    await sandbox.client.cancelPayment(payment.paymentKey, { cancelReason: "부분", cancelAmount: 1_000 }, options);
    const replay = await sandbox.client.cancelPayment(payment.paymentKey, { cancelReason: "부분", cancelAmount: 1_000 }, options);
    expect(replay.balanceAmount).toBe(9_000);
    expect((await sandbox.client.getPayment(payment.paymentKey)).balanceAmount).toBe(9_000);
  });

  it("waits out a slow confirm: the timed-out attempt's retry, under the same key, gets the one result", async () => {
    const authorized = await sandbox.authorize();
    await sandbox.control("POST", `/payments/${authorized.paymentKey}/script`, { confirm: [{ delayMs: 400 }] });
    const codes: string[] = [];
    const client = sandbox.clientWith({ timeoutMs: 150, retry: { retries: 10, minDelayMs: 50, maxDelayMs: 100 }, onRetry: (i) => codes.push(i.error.code) });
    const payment = await client.confirmPayment(authorized, key());
    expect(isPaid(payment)).toBe(true);
    expect(codes[0]).toBe("TIMEOUT");
    const view = await sandbox.control<{ sandbox: { calls: { confirm: { executed: number; replayed: number; inFlightRejected: number } } } }>(
      "GET",
      `/payments/${authorized.paymentKey}`,
    );
    // One confirm ran; the retries were refused while it ran (409) or answered from the cache.
    expect(view.sandbox.calls.confirm.executed).toBe(1);
    expect(view.sandbox.calls.confirm.replayed + view.sandbox.calls.confirm.inFlightRejected).toBeGreaterThanOrEqual(1);
  });
});

describe("every error class", () => {
  it("TossAuthError for an unknown secret key", async () => {
    const error = await failure(sandbox.clientWith({ secretKey: "not_a_key" }).getPayment("anything"));
    expect(error).toBeInstanceOf(TossAuthError);
    expect(error).toMatchObject({ code: "UNAUTHORIZED_KEY", httpStatus: 401 });
  });

  it("TossNotFoundError for an unknown payment or order", async () => {
    expect(await failure(sandbox.client.getPayment("tgen_unknown0000000000"))).toMatchObject({ code: "NOT_FOUND_PAYMENT", httpStatus: 404 });
    expect(await failure(sandbox.client.getPaymentByOrderId("no-such-order"))).toBeInstanceOf(TossNotFoundError);
  });

  it("TossSessionExpiredError when the shopper's authentication ran out before confirm", async () => {
    const authorized = await sandbox.authorize();
    await sandbox.control("POST", `/payments/${authorized.paymentKey}/expire`, {});
    const error = await failure(sandbox.client.confirmPayment(authorized, key()));
    expect(error).toBeInstanceOf(TossSessionExpiredError);
    expect(error.code).toBe("NOT_FOUND_PAYMENT_SESSION");
    const expired = await sandbox.client.getPayment(authorized.paymentKey);
    expect(paymentOutcome(expired)).toBe("FAILED");
    expect(expired.failure?.code).toBe("EXPIRED_PAYMENT");
  });

  it("TossRejectedError with Toss's message for the shopper", async () => {
    const authorized = await sandbox.authorize();
    await sandbox.control("POST", `/payments/${authorized.paymentKey}/script`, { confirm: [{ status: 403, code: "REJECT_CARD_COMPANY" }] });
    const error = await failure(sandbox.client.confirmPayment(authorized, key()));
    expect(error).toBeInstanceOf(TossRejectedError);
    expect((error as TossRejectedError).shopperMessage).toBe("결제 승인이 거절되었습니다.");
  });

  it("TossInvalidRequestError for a cancel above the balance", async () => {
    const payment = await confirmed({ amount: 5_000 });
    const error = await failure(sandbox.client.cancelPayment(payment.paymentKey, { cancelReason: "과다", cancelAmount: 6_000 }, key()));
    expect(error).toBeInstanceOf(TossInvalidRequestError);
    expect(error).toMatchObject({ code: "NOT_CANCELABLE_AMOUNT", httpStatus: 403 });
  });

  it("TossTransientError for a provider error that persists", async () => {
    const authorized = await sandbox.authorize();
    await sandbox.control("POST", `/payments/${authorized.paymentKey}/script`, {
      confirm: Array.from({ length: 5 }, () => ({ status: 400, code: "PROVIDER_ERROR" })),
    });
    const error = await failure(sandbox.clientWith({ retry: { retries: 1, minDelayMs: 1 } }).confirmPayment(authorized, { idempotencyKey: randomUUID() }));
    expect(error).toBeInstanceOf(TossTransientError);
    expect(error).toMatchObject({ code: "PROVIDER_ERROR", retryable: true });
  });

  it("an answered PROVIDER_ERROR is replayed for its key, so the caller confirms again under a new one", async () => {
    const authorized = await sandbox.authorize();
    await sandbox.control("POST", `/payments/${authorized.paymentKey}/script`, { confirm: [{ status: 400, code: "PROVIDER_ERROR" }] });
    const options = key();
    expect(await failure(sandbox.client.confirmPayment(authorized, options))).toBeInstanceOf(TossTransientError);
    expect(await failure(sandbox.client.confirmPayment(authorized, options))).toMatchObject({ code: "PROVIDER_ERROR" });
    const payment = await sandbox.client.confirmPayment(authorized, key());
    expect(isPaid(payment)).toBe(true);
  });
});
