/**
 * Shipping is part of the amount the shopper pays: a flat fee, waived from a threshold on. The
 * rule comes from configuration (env().shipping); this module has no server imports so that the
 * cart can show the same figure while the shopper changes quantities.
 */
export type ShippingRule = { fee: number; freeThreshold: number };

/** Integer KRW charged for shipping an order of `subtotal` (0 for an empty order). */
export function shippingFee(subtotal: number, rule: ShippingRule): number {
  if (subtotal <= 0 || subtotal >= rule.freeThreshold) return 0;
  return rule.fee;
}

/** How much more the shopper would have to add for free shipping; 0 when it is already free. */
export function amountToFreeShipping(subtotal: number, rule: ShippingRule): number {
  if (rule.fee === 0 || subtotal >= rule.freeThreshold) return 0;
  return rule.freeThreshold - subtotal;
}
