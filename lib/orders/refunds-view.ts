import { asc, eq } from "drizzle-orm";
import { db as defaultDb, type Executor } from "@/db/client";
import { orders, paymentCancels, payments } from "@/db/schema";
import { bankName } from "@/lib/toss/banks";

export type OrderRefund = {
  amount: number;
  /** When Toss canceled it (or when it was asked for, while pending). */
  at: Date;
  /** DONE, or REQUESTED while the store waits for Toss's answer. */
  status: "DONE" | "REQUESTED";
  /** Where the money goes back, in the shopper's words. */
  destination: string;
  /** Refunds to a refund account: the bank transfer's state (PENDING, COMPLETED, FAILED); null otherwise. */
  transfer: string | null;
};

const DESTINATION_BY_METHOD: Record<string, string> = {
  카드: "결제한 카드로 취소",
  간편결제: "결제한 간편결제 수단으로 환불",
  계좌이체: "결제한 계좌로 환불",
  휴대폰: "휴대폰 결제 취소",
  가상계좌: "입금 전 취소 (돌려받을 돈 없음)",
};

/** The refunds of an order for the shopper's order page: amount, date and where the money goes. */
export async function listOrderRefunds(db: Executor, orderId: string): Promise<OrderRefund[]> {
  const rows = await db
    .select({ cancel: paymentCancels, method: payments.method })
    .from(paymentCancels)
    .innerJoin(payments, eq(payments.id, paymentCancels.paymentId))
    .innerJoin(orders, eq(orders.id, payments.orderId))
    .where(eq(orders.orderId, orderId))
    .orderBy(asc(paymentCancels.id));
  return rows
    .filter((r) => r.cancel.status === "DONE" || r.cancel.status === "REQUESTED")
    .map(({ cancel, method }) => {
      const account = cancel.refundAccount;
      const destination = account
        ? `환불 계좌 ${bankName(account.bankCode) ?? account.bankCode} ${account.accountNumberMasked} (${account.holderName})`
        : method === "가상계좌" && cancel.refundStatus !== null
          ? "토스페이먼츠에 등록된 환불 계좌"
          : (DESTINATION_BY_METHOD[method ?? ""] ?? "결제 수단으로 환불");
      return {
        amount: cancel.amount,
        at: cancel.canceledAt ?? cancel.createdAt,
        status: cancel.status as "DONE" | "REQUESTED",
        destination,
        transfer: cancel.refundStatus,
      };
    });
}

/** listOrderRefunds on the store's database, for the order page. */
export function getOrderRefunds(orderId: string): Promise<OrderRefund[]> {
  return listOrderRefunds(defaultDb, orderId);
}
