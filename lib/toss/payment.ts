import { bankName } from "./banks";
import type { Payment, PaymentStatus } from "./models";

// The questions a store asks of a payment, as plain functions over a parsed Payment, so no
// module outside lib/toss compares Toss's status or method strings.

/** Approved and not canceled at all (DONE). */
export function isPaid(payment: Pick<Payment, "status">): boolean {
  return payment.status === "DONE";
}

/** A virtual account was issued and the shopper has not deposited yet. */
export function isWaitingForDeposit(payment: Pick<Payment, "status">): boolean {
  return payment.status === "WAITING_FOR_DEPOSIT";
}

/** Fully canceled (a virtual account canceled before its deposit included). */
export function isCanceled(payment: Pick<Payment, "status">): boolean {
  return payment.status === "CANCELED";
}

export function isPartiallyCanceled(payment: Pick<Payment, "status">): boolean {
  return payment.status === "PARTIAL_CANCELED";
}

/** Approval failed (ABORTED) or the shopper's authentication ran out (EXPIRED). */
export function isFailed(payment: Pick<Payment, "status">): boolean {
  return payment.status === "ABORTED" || payment.status === "EXPIRED";
}

export function isVirtualAccount(payment: Pick<Payment, "method">): boolean {
  return payment.method === "가상계좌";
}

const CANCELABLE: ReadonlySet<PaymentStatus> = new Set(["DONE", "PARTIAL_CANCELED", "WAITING_FOR_DEPOSIT"]);

/** Something is left to cancel: approved (or partly canceled) with a balance, or a virtual account awaiting deposit. */
export function canBeCanceled(payment: Pick<Payment, "status" | "balanceAmount">): boolean {
  return CANCELABLE.has(payment.status) && payment.balanceAmount > 0;
}

/** A cancel of less than the balance is possible (never for a virtual account before its deposit). */
export function canBePartiallyCanceled(payment: Pick<Payment, "status" | "balanceAmount" | "isPartialCancelable">): boolean {
  return canBeCanceled(payment) && payment.isPartialCancelable && payment.status !== "WAITING_FOR_DEPOSIT";
}

/** Sum of the cancels that went through, in KRW. */
export function canceledAmount(payment: Pick<Payment, "cancels">): number {
  return (payment.cancels ?? [])
    .filter((c) => c.cancelStatus === "DONE")
    .reduce((sum, c) => sum + c.cancelAmount, 0);
}

/** The most a cancel may take now, in KRW (0 when nothing can be canceled). */
export function cancelableAmount(payment: Pick<Payment, "status" | "balanceAmount">): number {
  return canBeCanceled(payment) ? payment.balanceAmount : 0;
}

/** A deposited virtual account is refunded by bank transfer: its cancel needs a refund account. */
export function cancelNeedsRefundAccount(payment: Pick<Payment, "status" | "method">): boolean {
  return isVirtualAccount(payment) && (payment.status === "DONE" || payment.status === "PARTIAL_CANCELED");
}

/** The virtual account's bank name ("신한은행"), or null when there is no account or the code is unknown. */
export function virtualAccountBankName(payment: Pick<Payment, "virtualAccount">): string | null {
  return bankName(payment.virtualAccount?.bankCode);
}

/** What a payment means for its order, in the store's words. */
export type PaymentOutcome = "PAID" | "WAITING_FOR_DEPOSIT" | "PARTIAL_CANCELED" | "CANCELED" | "FAILED" | "PENDING";

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
