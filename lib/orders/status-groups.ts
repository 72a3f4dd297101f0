import type { OrderStatus } from "@/db/schema";

// The order states that rules ask about together, named once. No server imports: screens may ask
// too. Each group is a list (for `inArray` in a query) and is checked with `isIn`.

/** Holding a reservation: placed, being confirmed, or a virtual account awaiting its deposit. */
export const HOLDS_RESERVATION = ["PENDING", "CONFIRMING", "WAITING_FOR_DEPOSIT"] as const satisfies readonly OrderStatus[];

/** Unpaid orders that still hold stock, as a shopper counts them (an order being confirmed is on its way to paid). */
export const UNPAID_HOLDING_STOCK = ["PENDING", "WAITING_FOR_DEPOSIT"] as const satisfies readonly OrderStatus[];

/** Ended without (or after undoing) a sale: their reservation has been given back. */
export const RELEASED = ["FAILED", "EXPIRED", "CANCELED"] as const satisfies readonly OrderStatus[];

/** A sale that counts: paid, and not wholly refunded. */
export const SOLD = ["PAID", "PARTIAL_CANCELED"] as const satisfies readonly OrderStatus[];

/** Orders that hold or have bought units, as purchase limits count them. */
export const HOLDS_OR_BOUGHT = [...HOLDS_RESERVATION, ...SOLD] as const;

/** A refund (or, before a deposit, a cancel) can start from these. */
export const REFUNDABLE = [...SOLD, "WAITING_FOR_DEPOSIT"] as const;

/** The order follows its payment's cancels in these states. */
export const FOLLOWS_CANCELS = [...REFUNDABLE, "CANCELED"] as const;

/** A payment was approved, so a receipt exists. */
export const HAS_RECEIPT = [...SOLD, "CANCELED"] as const;

/** Paid, or with a payment under way: the order page is the truth, not a payment window's error. */
export const SETTLED_OR_SETTLING = ["CONFIRMING", ...REFUNDABLE, "CANCELED"] as const;

export function isIn(group: readonly OrderStatus[], status: OrderStatus): boolean {
  return group.includes(status);
}
