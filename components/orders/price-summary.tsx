import { formatKRW } from "@/lib/money";

/**
 * Goods, shipping and the total, as the cart, checkout and the order page show them: one
 * component so the three never disagree on words or on how 무료 shipping reads. No hooks, so the
 * cart's client component and the server pages both render it.
 */
export function PriceSummary({
  goodsLabel,
  goods,
  shippingFee,
  totalLabel,
  total,
  testIds,
  className = "space-y-1 border-t border-stone-200 pt-3 text-sm",
}: {
  goodsLabel: string;
  goods: number;
  shippingFee: number;
  totalLabel: string;
  total: number;
  testIds: { shipping: string; total: string };
  className?: string;
}) {
  return (
    <dl className={className}>
      <div className="flex justify-between">
        <dt className="text-stone-600">{goodsLabel}</dt>
        <dd className="tabular-nums">{formatKRW(goods)}</dd>
      </div>
      <div className="flex justify-between">
        <dt className="text-stone-600">배송비</dt>
        <dd className="tabular-nums" data-testid={testIds.shipping}>
          {shippingFee === 0 ? "무료" : formatKRW(shippingFee)}
        </dd>
      </div>
      <div className="flex justify-between border-t border-stone-200 pt-2 text-base font-bold">
        <dt>{totalLabel}</dt>
        <dd className="tabular-nums" data-testid={testIds.total}>
          {formatKRW(total)}
        </dd>
      </div>
    </dl>
  );
}
