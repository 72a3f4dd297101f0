import { describe, expect, it } from "vitest";
import { TossSchemaError } from "./errors";
import { cardPayment, virtualAccountPayment } from "@/lib/testing/toss-fixtures";
import { parseWebhookBody, PaymentSchema } from "./models";

describe("PaymentSchema", () => {
  it("parses the documented card and virtual-account payments", () => {
    expect(PaymentSchema.parse(cardPayment()).card?.cardType).toBe("신용");
    expect(PaymentSchema.parse(virtualAccountPayment()).virtualAccount?.bankCode).toBe("11");
  });

  it("parses the 2025 easy-pay shape and an expired payment", () => {
    const easy = PaymentSchema.parse(cardPayment({ card: null, method: "간편결제", secret: "ps_yL0qZ4G1VOvWk9mWxbmM3oWb2MQY", lastTransactionKey: "txrd_a01jw7wstrkfphftfmm7e8r077t" }));
    expect(easy.easyPay?.provider).toBe("토스페이");
    const expired = PaymentSchema.parse(
      cardPayment({ status: "EXPIRED", method: null, approvedAt: null, lastTransactionKey: null, useEscrow: null, card: null, failure: { code: "EXPIRED_PAYMENT", message: "결제가 만료되었습니다. 다시 시도해주세요." } }),
    );
    expect(expired.failure?.code).toBe("EXPIRED_PAYMENT");
  });

  it("defaults absent sub-objects to null and keeps unknown fields", () => {
    const raw = cardPayment({ newField: 1 });
    delete raw.transfer;
    delete raw.transactionKey;
    const payment = PaymentSchema.parse(raw);
    expect(payment.transfer).toBeNull();
    expect(payment.transactionKey).toBeNull();
    expect((payment as Record<string, unknown>).newField).toBe(1);
  });

  it("rejects a wrong type, an unknown status and an unknown method", () => {
    expect(PaymentSchema.safeParse(cardPayment({ totalAmount: "1000" })).success).toBe(false);
    expect(PaymentSchema.safeParse(cardPayment({ status: "PAID" })).success).toBe(false);
    expect(PaymentSchema.safeParse(cardPayment({ method: "CARD" })).success).toBe(false);
  });

  it("is strict where money is (integers, the required fields) and tolerant elsewhere", () => {
    expect(PaymentSchema.safeParse(cardPayment({ totalAmount: 1000.5 })).success).toBe(false);
    expect(PaymentSchema.safeParse(cardPayment({ cancels: [{ cancelAmount: 1.5 }] })).success).toBe(false);
    for (const required of ["paymentKey", "orderId", "status", "totalAmount", "balanceAmount", "method"]) {
      const payment = cardPayment() as Record<string, unknown>;
      delete payment[required];
      expect(PaymentSchema.safeParse(payment).success, required).toBe(false);
    }
    const sparse = cardPayment() as Record<string, unknown>;
    for (const optional of ["version", "mId", "requestedAt", "card", "isPartialCancelable", "cultureExpense", "country", "suppliedAmount"]) delete sparse[optional];
    sparse.card = { number: "1234****" };
    const parsed = PaymentSchema.parse(sparse);
    expect(parsed).toMatchObject({ isPartialCancelable: false, mId: null, card: { number: "1234****", issuerCode: null } });
  });
});

describe("parseWebhookBody", () => {
  it("reads PAYMENT_STATUS_CHANGED with a partial Payment (docs example)", () => {
    const body = parseWebhookBody({
      eventType: "PAYMENT_STATUS_CHANGED",
      createdAt: "2026-01-02T14:46:59.65327",
      data: {
        mId: "tosspayments",
        version: "2022-11-16",
        lastTransactionKey: "B7103F204998813B889C77C043D09502",
        paymentKey: "pk_1",
        orderId: "order-000001",
        status: "DONE",
        requestedAt: "2022-08-05T12:56:00+09:00",
        approvedAt: "2022-08-05T12:56:21+09:00",
        useEscrow: false,
        card: { issuerCode: "61", acquirerCode: "31", number: "48902300****406*", installmentPlanMonths: 0, amount: 10000 },
      },
    });
    expect(body.eventType).toBe("PAYMENT_STATUS_CHANGED");
    if (body.eventType === "PAYMENT_STATUS_CHANGED") expect(body.payment).toMatchObject({ paymentKey: "pk_1", status: "DONE" });
  });

  it("reads a full Payment in PAYMENT_STATUS_CHANGED", () => {
    const body = parseWebhookBody({ eventType: "PAYMENT_STATUS_CHANGED", createdAt: "2022-01-01T00:00:00.000000", data: virtualAccountPayment() });
    expect(body.eventType === "PAYMENT_STATUS_CHANGED" && body.payment.secret).toBe("ps_eqRGgYO1r57E4Z541ZMW3QnN2Eya");
  });

  const deposit = { createdAt: "2022-01-01T00:00:00.000000", secret: "ps_x", status: "DONE", transactionKey: "9FF15E1A29D0E77C218F57262BFA4986", orderId: "order-000001" };

  it("reads the flat DEPOSIT_CALLBACK, and the wrapped shape some integrations send", () => {
    expect(parseWebhookBody(deposit)).toEqual({ eventType: "DEPOSIT_CALLBACK", ...deposit });
    expect(parseWebhookBody({ eventType: "DEPOSIT_CALLBACK", createdAt: deposit.createdAt, data: deposit })).toEqual({ eventType: "DEPOSIT_CALLBACK", ...deposit });
  });

  it("passes CANCEL_STATUS_CHANGED and other events through for acknowledgement", () => {
    expect(parseWebhookBody({ eventType: "CANCEL_STATUS_CHANGED", createdAt: "x", data: { transactionKey: "t" } }).eventType).toBe("CANCEL_STATUS_CHANGED");
    expect(parseWebhookBody({ eventType: "BILLING_DELETED", createdAt: "x", data: { billingKey: "b" } })).toMatchObject({ eventType: "OTHER", originalEventType: "BILLING_DELETED" });
  });

  it("throws TossSchemaError carrying the body on anything else", () => {
    for (const bad of [null, [], "text", { ...deposit, secret: undefined }, { eventType: "PAYMENT_STATUS_CHANGED", createdAt: "x", data: { orderId: "o" } }]) {
      const error = (() => {
        try {
          parseWebhookBody(bad);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(TossSchemaError);
      expect(error).toMatchObject({ code: "INVALID_WEBHOOK_BODY", raw: bad });
    }
  });
});
