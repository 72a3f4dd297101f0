import type { OrderItem, OrderStatus } from "@/db/schema";
import { formatKRW } from "@/lib/money";
import { isIn, REFUNDABLE } from "./status-groups";

/**
 * What an owner may refund, and for how much. This module has no server imports, so the refund
 * dialog shows the very figure and rules that refundOrder enforces (as lib/shipping.ts does for
 * the cart). It speaks plain facts about the payment, not a provider's status words.
 */

export function isRefundable(status: OrderStatus): boolean {
  return isIn(REFUNDABLE, status);
}

/** What the payment allows, as its provider says. */
export type RefundFacts = {
  orderStatus: OrderStatus;
  /** A cancel of less than the balance is possible. */
  partialCancelable: boolean;
  /** The money goes back by bank transfer (a virtual account after its deposit). */
  refundsByTransfer: boolean;
};

export type RefundRules = {
  /** A virtual account not yet paid into: only a full cancel, which closes the account and gives the reservation back. */
  fullCancelOnly: boolean;
  partialAllowed: boolean;
  needsRefundAccount: boolean;
};

export function refundRules(facts: RefundFacts): RefundRules {
  const beforeDeposit = facts.orderStatus === "WAITING_FOR_DEPOSIT";
  return {
    fullCancelOnly: beforeDeposit,
    partialAllowed: !beforeDeposit && facts.partialCancelable,
    // Before the deposit there is no money to send back.
    needsRefundAccount: !beforeDeposit && facts.refundsByTransfer,
  };
}

/** An order line as a refund sees it: `refundable` is its units not refunded yet. */
export type RefundableLine = { orderItemId: number; productName: string; unitPrice: number; quantity: number; refundable: number };
export type ChosenLine = { orderItemId: number; quantity: number };

export function refundableLine(item: Pick<OrderItem, "id" | "productName" | "unitPrice" | "quantity" | "refundedQuantity">): RefundableLine {
  return { orderItemId: item.id, productName: item.productName, unitPrice: item.unitPrice, quantity: item.quantity, refundable: item.quantity - item.refundedQuantity };
}

/** Why these chosen quantities cannot be refunded, or null. */
export function linesRefusal(lines: readonly RefundableLine[], chosen: readonly ChosenLine[]): string | null {
  for (const pick of chosen) {
    if (pick.quantity <= 0) continue;
    const line = lines.find((l) => l.orderItemId === pick.orderItemId);
    if (!line) return "이 주문에 없는 상품이 있어요";
    if (pick.quantity > line.refundable) {
      const refunded = line.quantity - line.refundable;
      return refunded > 0 ? `${line.productName}: ${refunded}개는 이미 환불해서 ${line.refundable}개까지 환불할 수 있어요` : `${line.productName}: 주문 수량(${line.quantity})보다 많아요`;
    }
  }
  return null;
}

/**
 * The refund for the chosen units. Refunding the last units not yet refunded refunds the rest of
 * the payment, shipping included: nothing could be refunded by line after them. Otherwise the
 * units' prices, at most the balance.
 */
export function refundAmountForLines(lines: readonly RefundableLine[], chosen: readonly ChosenLine[], balance: number): number {
  const wanted = new Map<number, number>();
  for (const pick of chosen) wanted.set(pick.orderItemId, (wanted.get(pick.orderItemId) ?? 0) + Math.max(0, pick.quantity));
  const coversTheRest = lines.length > 0 && lines.every((line) => (wanted.get(line.orderItemId) ?? 0) >= line.refundable);
  if (coversTheRest) return balance;
  const units = lines.reduce((sum, line) => sum + line.unitPrice * Math.min(wanted.get(line.orderItemId) ?? 0, line.refundable), 0);
  return Math.min(units, balance);
}

/** Every unit not refunded yet, line by line: what a full refund pays back. */
export function unrefundedLines(lines: readonly Pick<RefundableLine, "orderItemId" | "refundable">[]): ChosenLine[] {
  return lines.filter((l) => l.refundable > 0).map((l) => ({ orderItemId: l.orderItemId, quantity: l.refundable }));
}

export type RefundRefusal = { message: string; field?: "amount" | "refundAccount"; fieldMessage?: string };

/** Why a refund of `amount` from `balance` is not allowed under these rules, or null. */
export function refundRefusal(rules: RefundRules, request: { amount: number; balance: number; hasRefundAccount: boolean }): RefundRefusal | null {
  const { amount, balance } = request;
  if (!Number.isInteger(amount) || amount < 1 || amount > balance) {
    const message = `환불 금액은 1원 이상 ${formatKRW(balance)} 이하로 입력해 주세요`;
    return { message, field: "amount", fieldMessage: message };
  }
  const full = amount === balance;
  if (rules.fullCancelOnly && !full) return { message: "입금 전 가상계좌는 전액 취소만 할 수 있어요", field: "amount", fieldMessage: "입금 전 가상계좌는 전액 취소만 할 수 있어요" };
  if (!rules.partialAllowed && !full) return { message: "이 결제는 부분 취소를 할 수 없어요. 전액만 환불할 수 있어요", field: "amount", fieldMessage: "이 결제는 전액만 환불할 수 있어요" };
  if (rules.needsRefundAccount && !request.hasRefundAccount) return { message: "입금된 가상계좌는 환불 받을 계좌가 필요해요", field: "refundAccount", fieldMessage: "환불 받을 계좌를 입력해 주세요" };
  return null;
}

/**
 * The units a refund pays back: the chosen lines, or on a full refund every unit not yet refunded
 * (a unit refunded earlier without restock stays out of stock, as the owner chose). A deposit-less
 * virtual account pays back nothing by line: its reservation returns through the order's transition.
 */
export function refundedUnits(rules: RefundRules, lines: readonly RefundableLine[], chosen: readonly ChosenLine[], full: boolean): ChosenLine[] {
  if (rules.fullCancelOnly) return [];
  const picked = chosen.filter((c) => c.quantity > 0);
  if (picked.length > 0) return picked;
  return full ? unrefundedLines(lines) : [];
}
