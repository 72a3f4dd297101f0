import type { PaymentSnapshot } from "./types";

/** A paid-in virtual account is refunded by bank transfer: its cancel needs a refund account. */
export function cancelNeedsRefundAccount(payment: Pick<PaymentSnapshot, "methodKind" | "outcome">): boolean {
  return payment.methodKind === "virtual-account" && (payment.outcome === "PAID" || payment.outcome === "PARTIAL_CANCELED");
}
