import { describe, expect, it } from "vitest";
import { bankName } from "@/lib/payments/banks";
import { cancelEntry, cardPayment, virtualAccountPayment } from "@/lib/testing/toss-fixtures";
import { PaymentSchema } from "./models";
import {
  canBeCanceled,
  canBePartiallyCanceled,
  cancelableAmount,
  canceledAmount,
  cancelNeedsRefundAccount,
  isCanceled,
  isFailed,
  isPaid,
  isPartiallyCanceled,
  isVirtualAccount,
  isWaitingForDeposit,
  virtualAccountBankName,
} from "@/lib/testing/payment-questions";
import { paymentOutcome } from "./snapshot";

const card = (o: Record<string, unknown> = {}) => PaymentSchema.parse(cardPayment(o));
const va = (o: Record<string, unknown> = {}) => PaymentSchema.parse(virtualAccountPayment(o));

describe("payment helpers", () => {
  it("answers for a paid card payment", () => {
    const p = card({ totalAmount: 10_000, balanceAmount: 10_000 });
    expect([isPaid(p), isWaitingForDeposit(p), isCanceled(p), isVirtualAccount(p), isFailed(p)]).toEqual([true, false, false, false, false]);
    expect([canBeCanceled(p), canBePartiallyCanceled(p), canceledAmount(p), cancelableAmount(p)]).toEqual([true, true, 0, 10_000]);
    expect(paymentOutcome(p)).toBe("PAID");
  });

  it("answers for a partly canceled payment, counting only cancels that went through", () => {
    const p = card({
      status: "PARTIAL_CANCELED",
      totalAmount: 10_000,
      balanceAmount: 7_000,
      cancels: [cancelEntry({ cancelAmount: 3_000 }), cancelEntry({ cancelAmount: 500, cancelStatus: "IN_PROGRESS" })],
    });
    expect([isPaid(p), isPartiallyCanceled(p), isCanceled(p)]).toEqual([false, true, false]);
    expect([canceledAmount(p), cancelableAmount(p), canBePartiallyCanceled(p)]).toEqual([3_000, 7_000, true]);
  });

  it("answers for a fully canceled payment", () => {
    const p = card({ status: "CANCELED", balanceAmount: 0, cancels: [cancelEntry({ cancelAmount: 1_000 })] });
    expect([isCanceled(p), canBeCanceled(p), cancelableAmount(p), canceledAmount(p)]).toEqual([true, false, 0, 1_000]);
    expect(paymentOutcome(p)).toBe("CANCELED");
  });

  it("respects isPartialCancelable", () => {
    expect(canBePartiallyCanceled(card({ isPartialCancelable: false }))).toBe(false);
  });

  it("answers for a virtual account before and after its deposit", () => {
    const waiting = va();
    expect([isVirtualAccount(waiting), isWaitingForDeposit(waiting), isPaid(waiting)]).toEqual([true, true, false]);
    expect([canBeCanceled(waiting), canBePartiallyCanceled(waiting), cancelNeedsRefundAccount(waiting)]).toEqual([true, false, false]);
    expect(virtualAccountBankName(waiting)).toBe("NH농협은행");
    const deposited = va({ status: "DONE" });
    expect([isPaid(deposited), canBePartiallyCanceled(deposited), cancelNeedsRefundAccount(deposited)]).toEqual([true, true, true]);
  });

  it("treats aborted and expired payments as failed, and unconfirmed ones as pending", () => {
    for (const status of ["ABORTED", "EXPIRED"]) {
      const p = card({ status });
      expect([isFailed(p), canBeCanceled(p), paymentOutcome(p)]).toEqual([true, false, "FAILED"]);
    }
    expect(paymentOutcome(card({ status: "IN_PROGRESS" }))).toBe("PENDING");
  });

  it("names banks by code", () => {
    expect(bankName("88")).toBe("신한은행");
    expect(bankName("90")).toBe("카카오뱅크");
    expect(bankName("99")).toBeNull();
    expect(bankName(null)).toBeNull();
    expect(virtualAccountBankName(card())).toBeNull();
  });
});
