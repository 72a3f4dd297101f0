import { bankName } from "@/lib/payments/banks";
import { cancelNeedsRefundAccount as needsAccount } from "@/lib/payments/rules";
import type { Payment } from "@/lib/payments/toss/models";
import { toSnapshot } from "@/lib/payments/toss/snapshot";

// The questions the adapter tests ask of a Toss Payment, answered from its snapshot: what the
// store reads is what these tests check.

const CANCELABLE = new Set(["PAID", "PARTIAL_CANCELED", "WAITING_FOR_DEPOSIT"]);

export const isPaid = (p: Payment) => toSnapshot(p).outcome === "PAID";
export const isWaitingForDeposit = (p: Payment) => toSnapshot(p).outcome === "WAITING_FOR_DEPOSIT";
export const isCanceled = (p: Payment) => toSnapshot(p).outcome === "CANCELED";
export const isPartiallyCanceled = (p: Payment) => toSnapshot(p).outcome === "PARTIAL_CANCELED";
export const isFailed = (p: Payment) => toSnapshot(p).outcome === "FAILED";
export const isVirtualAccount = (p: Payment) => toSnapshot(p).methodKind === "virtual-account";
export const cancelableAmount = (p: Payment) => (CANCELABLE.has(toSnapshot(p).outcome) ? toSnapshot(p).balance : 0);
export const canBeCanceled = (p: Payment) => cancelableAmount(p) > 0;
export const canBePartiallyCanceled = (p: Payment) => canBeCanceled(p) && toSnapshot(p).partialCancelAllowed && !isWaitingForDeposit(p);
export const canceledAmount = (p: Payment) => toSnapshot(p).cancels.filter((c) => c.done).reduce((sum, c) => sum + c.amount, 0);
export const cancelNeedsRefundAccount = (p: Payment) => needsAccount(toSnapshot(p));
export const virtualAccountBankName = (p: Payment) => bankName(toSnapshot(p).virtualAccount?.bankCode);
