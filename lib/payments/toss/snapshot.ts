import { z } from "zod";
import type {
  CardSnapshot,
  CashReceiptSnapshot,
  PaymentMethodKind,
  PaymentOutcome,
  PaymentSnapshot,
  RefundTransferStatus,
} from "@/lib/payments/types";
import { CashReceiptHistorySchema, CashReceiptSchema, PaymentSchema, type Payment, type PaymentMethod } from "./models";

// The one place Toss's statuses, methods and field names become the store's words.

export const PROVIDER_NAME = "toss";
export const PROVIDER_LABEL = "토스페이먼츠";

export function paymentOutcome(payment: Pick<Payment, "status">): PaymentOutcome {
  switch (payment.status) {
    case "DONE":
      return "PAID";
    case "WAITING_FOR_DEPOSIT":
      return "WAITING_FOR_DEPOSIT";
    case "PARTIAL_CANCELED":
      return "PARTIAL_CANCELED";
    case "CANCELED":
      return "CANCELED";
    case "ABORTED":
    case "EXPIRED":
      return "FAILED";
    case "READY":
    case "IN_PROGRESS":
      return "PENDING";
  }
}

const METHOD_KIND: Record<PaymentMethod, PaymentMethodKind> = {
  카드: "card",
  가상계좌: "virtual-account",
  간편결제: "easy-pay",
  휴대폰: "phone",
  계좌이체: "transfer",
  문화상품권: "gift-certificate",
  도서문화상품권: "gift-certificate",
  게임문화상품권: "gift-certificate",
};

const REFUND_TRANSFER: Record<string, RefundTransferStatus> = {
  NONE: "NONE",
  PENDING: "PENDING",
  COMPLETED: "COMPLETED",
  FAILED: "FAILED",
  PARTIAL_FAILED: "PARTIAL_FAILED",
};

/** Toss timestamps are ISO strings with an offset; an unparseable one reads as null. */
function toDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function cardOf(payment: Payment): CardSnapshot | null {
  const card = payment.card;
  if (!card) return null;
  return { number: card.number ?? "", issuerCode: card.issuerCode ?? "", installmentPlanMonths: card.installmentPlanMonths ?? 0, approveNo: card.approveNo ?? "" };
}

const TRANSACTION = { CONFIRM: "ISSUE", CANCEL: "CANCEL" } as const;
const ISSUE = new Set(["IN_PROGRESS", "COMPLETED", "FAILED"] as const);

const cashReceiptSource = z.looseObject({
  cashReceipt: CashReceiptSchema.nullish().catch(null),
  cashReceipts: z.array(CashReceiptHistorySchema).nullish().catch(null),
});

/**
 * The 현금영수증 of a Payment (or of a stored copy of one), or null when none was asked for. Read
 * leniently: it is shown to people, never used for money.
 */
export function cashReceiptOf(raw: unknown): CashReceiptSnapshot | null {
  const parsed = cashReceiptSource.safeParse(raw);
  const receipt = parsed.success ? parsed.data.cashReceipt : null;
  if (!parsed.success || !receipt) return null;
  const history = parsed.data.cashReceipts ?? [];
  return {
    type: receipt.type,
    issueNumber: receipt.issueNumber,
    receiptUrl: receipt.receiptUrl,
    amount: receipt.amount,
    identity: history.find((h) => h.customerIdentityNumber)?.customerIdentityNumber ?? null,
    history: history.map((h) => ({
      transaction: TRANSACTION[h.transactionType as keyof typeof TRANSACTION] ?? null,
      providerTransaction: h.transactionType,
      amount: h.amount,
      issue: h.issueStatus && ISSUE.has(h.issueStatus as never) ? (h.issueStatus as "IN_PROGRESS" | "COMPLETED" | "FAILED") : null,
    })),
  };
}

/** A validated Toss Payment in the store's words. */
export function toSnapshot(payment: Payment): PaymentSnapshot {
  const va = payment.virtualAccount;
  const methodKind = payment.method ? METHOD_KIND[payment.method] : null;
  return {
    provider: PROVIDER_NAME,
    providerLabel: PROVIDER_LABEL,
    reference: payment.paymentKey,
    orderId: payment.orderId,
    amount: payment.totalAmount,
    balance: payment.balanceAmount,
    outcome: paymentOutcome(payment),
    providerStatus: payment.status,
    methodLabel: payment.method,
    methodKind,
    approvedAt: toDate(payment.approvedAt),
    partialCancelAllowed: payment.isPartialCancelable,
    cancels: (payment.cancels ?? []).map((c) => ({
      transactionKey: c.transactionKey,
      amount: c.cancelAmount,
      reason: c.cancelReason,
      canceledAt: toDate(c.canceledAt),
      done: c.cancelStatus === "DONE",
      balanceAfter: c.refundableAmount,
    })),
    lastTransactionKey: payment.lastTransactionKey,
    virtualAccount: va
      ? {
          bankCode: va.bankCode,
          accountNumber: va.accountNumber,
          holder: va.customerName,
          depositor: va.depositorName ?? va.customerName,
          dueDate: toDate(va.dueDate),
        }
      : null,
    refundTransfer: methodKind === "virtual-account" && va?.refundStatus != null ? (REFUND_TRANSFER[va.refundStatus] ?? "PENDING") : null,
    card: cardOf(payment),
    cashReceipt: cashReceiptOf(payment),
    receiptUrl: payment.receipt?.url ?? null,
    failure: payment.failure ? { code: payment.failure.code, message: payment.failure.message } : null,
    webhookSecret: payment.secret,
    raw: payment,
  };
}

/** A stored copy of a Payment back in the store's words, or null when it does not read as one. */
export function snapshotOfRaw(raw: unknown): PaymentSnapshot | null {
  const parsed = PaymentSchema.safeParse(raw);
  return parsed.success ? toSnapshot(parsed.data) : null;
}
