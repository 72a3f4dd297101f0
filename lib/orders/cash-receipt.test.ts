import { describe, expect, it } from "vitest";
import { PaymentSchema } from "@/lib/payments/toss/models";
import { cashReceiptOf } from "@/lib/payments/toss/snapshot";
import { cashReceiptView as viewOf } from "./cash-receipt";

/** The receipt of a Toss Payment (or part of one) as the order pages show it. */
const cashReceiptView = (raw: unknown) => viewOf(cashReceiptOf(raw));

const issued = { type: "소득공제", receiptKey: "cr_1", issueNumber: "123456789", receiptUrl: "https://dashboard.tosspayments.com/receipt/cash-receipt?receiptKey=cr_1", amount: 18800, taxFreeAmount: 0 };
const entry = (transactionType: string, amount: number) => ({ receiptKey: "cr_x", type: "소득공제", issueNumber: "1", receiptUrl: issued.receiptUrl, transactionType, amount, taxFreeAmount: 0, issueStatus: "COMPLETED", customerIdentityNumber: "010****5678", requestedAt: "2026-12-07T10:00:00+09:00" });

describe("cashReceiptView", () => {
  it("shows the receipt as Toss reports it, with each refund's CANCEL entry", () => {
    expect(cashReceiptView({ cashReceipt: issued, cashReceipts: [entry("CONFIRM", 18800), { ...entry("CANCEL", 5000), issueStatus: "IN_PROGRESS" }] })).toEqual({
      type: "소득공제",
      issueNumber: "123456789",
      receiptUrl: issued.receiptUrl,
      amount: 18800,
      identity: "010****5678",
      history: [
        { label: "발급", amount: 18800, status: "완료" },
        { label: "취소", amount: 5000, status: "처리 중" },
      ],
    });
  });

  it("is null without a receipt, and never links anything but https", () => {
    expect(cashReceiptView({ cashReceipt: null, cashReceipts: null })).toBeNull();
    expect(cashReceiptView("not a payment")).toBeNull();
    expect(cashReceiptView({ cashReceipt: { ...issued, receiptUrl: "javascript:alert(1)" } })?.receiptUrl).toBeNull();
  });

  it("a malformed receipt never fails the Payment it came with", () => {
    const payment = { paymentKey: "tgen_1", orderId: "jt_order_1", status: "DONE", totalAmount: 1000, balanceAmount: 1000, method: "계좌이체", cashReceipt: { type: 3 }, cashReceipts: "x" };
    const parsed = PaymentSchema.safeParse(payment);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({ cashReceipt: null, cashReceipts: null });
  });
});
