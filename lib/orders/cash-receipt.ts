import type { CashReceiptSnapshot } from "@/lib/payments";

export type CashReceiptView = {
  type: string;
  issueNumber: string | null;
  receiptUrl: string | null;
  amount: number;
  /** The phone or business number it was issued to, masked as the provider gives it. */
  identity: string | null;
  /** Issue and cancels, in the provider's order, in words. */
  history: { label: string; amount: number; status: string | null }[];
};

const TRANSACTION = { ISSUE: "발급", CANCEL: "취소" } as const;
const ISSUE_STATUS = { IN_PROGRESS: "처리 중", COMPLETED: "완료", FAILED: "실패" } as const;

/**
 * The 현금영수증 of a payment as the provider last reported it, or null when none was asked for.
 * A refund shows as the provider's own cancel entries, not as anything we compute.
 */
export function cashReceiptView(receipt: CashReceiptSnapshot | null | undefined): CashReceiptView | null {
  if (!receipt) return null;
  return {
    type: receipt.type,
    issueNumber: receipt.issueNumber,
    receiptUrl: receipt.receiptUrl && /^https:\/\//.test(receipt.receiptUrl) ? receipt.receiptUrl : null,
    amount: receipt.amount,
    identity: receipt.identity,
    history: receipt.history.map((h) => ({
      label: h.transaction ? TRANSACTION[h.transaction] : h.providerTransaction,
      amount: h.amount,
      status: h.issue ? ISSUE_STATUS[h.issue] : null,
    })),
  };
}
