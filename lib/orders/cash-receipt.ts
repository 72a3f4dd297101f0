import { z } from "zod";
import { CashReceiptHistorySchema, CashReceiptSchema } from "@/lib/toss/models";

export type CashReceiptView = {
  type: string;
  issueNumber: string | null;
  receiptUrl: string | null;
  amount: number;
  /** The phone or business number it was issued to, masked as Toss gives it. */
  identity: string | null;
  /** Issue and cancels, in Toss's order, in words. */
  history: { label: string; amount: number; status: string | null }[];
};

const rawSchema = z.looseObject({
  cashReceipt: CashReceiptSchema.nullish().catch(null),
  cashReceipts: z.array(CashReceiptHistorySchema).nullish().catch(null),
});

const TRANSACTION: Record<string, string> = { CONFIRM: "발급", CANCEL: "취소" };
const ISSUE_STATUS: Record<string, string> = { IN_PROGRESS: "처리 중", COMPLETED: "완료", FAILED: "실패" };

/**
 * The 현금영수증 of a payment as Toss last reported it (the Payment stored verbatim), or null when
 * none was asked for. A refund shows as Toss's own CANCEL entries, not as anything we compute.
 */
export function cashReceiptView(rawPayment: unknown): CashReceiptView | null {
  const parsed = rawSchema.safeParse(rawPayment);
  const receipt = parsed.success ? parsed.data.cashReceipt : null;
  if (!parsed.success || !receipt) return null;
  const history = parsed.data.cashReceipts ?? [];
  return {
    type: receipt.type,
    issueNumber: receipt.issueNumber,
    receiptUrl: receipt.receiptUrl && /^https:\/\//.test(receipt.receiptUrl) ? receipt.receiptUrl : null,
    amount: receipt.amount,
    identity: history.find((h) => h.customerIdentityNumber)?.customerIdentityNumber ?? null,
    history: history.map((h) => ({
      label: TRANSACTION[h.transactionType] ?? h.transactionType,
      amount: h.amount,
      status: h.issueStatus ? (ISSUE_STATUS[h.issueStatus] ?? null) : null,
    })),
  };
}
