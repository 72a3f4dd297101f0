"use client";

import Link from "next/link";
import { useOptimistic, useRef, useState, useTransition } from "react";
import { ProductImage } from "@/components/product/product-image";
import type { CartLine } from "@/lib/cart";
import { formatKRW } from "@/lib/money";
import { PriceSummary } from "@/components/orders/price-summary";
import { amountToFreeShipping, shippingFee, type ShippingRule } from "@/lib/shipping";
import { removeFromCartAction, setCartQuantityAction } from "./actions";
import { useCartCount } from "./cart-context";

type Change = { productId: number; quantity: number };

export function CartView({ lines, shipping, onSaved }: { lines: CartLine[]; shipping: ShippingRule; onSaved?: () => Promise<void> }) {
  const [optimisticLines, applyChange] = useOptimistic(lines, (current: CartLine[], change: Change) =>
    change.quantity === 0
      ? current.filter((l) => l.productId !== change.productId)
      : current.map((l) => (l.productId === change.productId ? { ...l, quantity: change.quantity, lineTotal: l.unitPrice * change.quantity } : l)),
  );
  const [saving, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const { adjustCount } = useCartCount();
  // Fast clicking must not queue one request per click: each line keeps the quantity the shopper
  // wants and at most one request in flight; when it returns, one more carries the latest value.
  const wanted = useRef(new Map<number, number>());
  const inFlight = useRef(new Set<number>());

  /** The quantity the shopper last asked for: a click may come before the page re-renders the one before it. */
  function current(line: CartLine): number {
    return wanted.current.get(line.productId) ?? line.quantity;
  }

  function change(line: CartLine, quantity: number) {
    const from = current(line);
    wanted.current.set(line.productId, quantity);
    setError(null);
    startTransition(async () => {
      applyChange({ productId: line.productId, quantity });
      adjustCount(quantity - from);
      if (inFlight.current.has(line.productId)) return;
      inFlight.current.add(line.productId);
      try {
        let sent: number | undefined;
        do {
          sent = wanted.current.get(line.productId)!;
          const result = sent === 0 ? await removeFromCartAction(line.productId) : await setCartQuantityAction(line.productId, sent);
          if (!result.ok) {
            setError(result.message);
            break;
          }
        } while (wanted.current.get(line.productId) !== sent);
        // The saved cart, read again before the optimistic lines end with this transition.
        await onSaved?.();
      } finally {
        inFlight.current.delete(line.productId);
        wanted.current.delete(line.productId);
      }
    });
  }

  const total = optimisticLines.reduce((sum, l) => sum + l.lineTotal, 0);
  const itemCount = optimisticLines.reduce((sum, l) => sum + l.quantity, 0);
  const fee = shippingFee(total, shipping);
  const toFreeShipping = amountToFreeShipping(total, shipping);
  const blocked = optimisticLines.some((l) => !l.available || l.quantity > l.stock);

  if (optimisticLines.length === 0) {
    return (
      <div className="rounded-2xl border border-dashed border-stone-300 p-10 text-center">
        <p className="text-lg font-semibold">장바구니가 비어 있어요</p>
        <Link href="/" className="mt-4 inline-block rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
          상품 보러 가기
        </Link>
      </div>
    );
  }

  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_320px]">
      <div className="min-w-0">
        {error ? (
          <p role="alert" className="mb-4 rounded-lg bg-red-50 px-4 py-3 text-sm text-red-800">
            {error}
          </p>
        ) : null}
        <ul className="divide-y divide-stone-200 rounded-2xl border border-stone-200 bg-white" aria-label="장바구니 상품">
          {optimisticLines.map((line) => (
            <li key={line.productId} className="flex gap-3 p-4 sm:gap-4" data-testid="cart-line">
              {/* The name beside it is the link for keyboards and screen readers. */}
              <Link href={`/products/${line.slug}`} tabIndex={-1} aria-hidden className="relative h-20 w-20 shrink-0 overflow-hidden rounded-lg bg-stone-100">
                <ProductImage src={line.image} alt="" />
              </Link>
              <div className="min-w-0 flex-1 space-y-2">
                <div className="flex items-start justify-between gap-2">
                  <div className="min-w-0">
                    <Link href={`/products/${line.slug}`} className="break-words font-semibold hover:text-brand-700">
                      {line.name}
                    </Link>
                    <p className="text-sm text-stone-600 tabular-nums">{formatKRW(line.unitPrice)}</p>
                    {!line.available || line.quantity > line.stock ? (
                      <p className="text-sm font-medium text-red-700">{line.stock <= 0 ? "품절되었어요" : `재고가 ${line.stock}개 남았어요`}</p>
                    ) : null}
                  </div>
                  <button
                    type="button"
                    onClick={() => change(line, 0)}
                    className="inline-flex min-h-8 min-w-10 shrink-0 items-center justify-center rounded-md px-2 text-sm text-stone-700 underline hover:text-red-700"
                    aria-label={`${line.name} 삭제`}
                  >
                    삭제
                  </button>
                </div>
                <div className="flex flex-wrap items-center justify-between gap-3">
                  <div className="flex items-center rounded-lg border border-stone-400" role="group" aria-label={`${line.name} 수량`}>
                    <button
                      type="button"
                      onClick={() => change(line, Math.max(1, current(line) - 1))}
                      disabled={line.quantity <= 1}
                      aria-label={`${line.name} 수량 줄이기`}
                      className="inline-flex h-10 w-10 items-center justify-center text-lg disabled:text-stone-400"
                    >
                      −
                    </button>
                    <output className="min-w-8 text-center font-semibold tabular-nums" aria-label={`${line.name} 수량`} data-testid="line-quantity">
                      {line.quantity}
                    </output>
                    <button
                      type="button"
                      onClick={() => change(line, Math.min(current(line) + 1, Math.min(line.stock, 99)))}
                      disabled={line.quantity >= Math.min(line.stock, 99)}
                      aria-label={`${line.name} 수량 늘리기`}
                      className="inline-flex h-10 w-10 items-center justify-center text-lg disabled:text-stone-400"
                    >
                      +
                    </button>
                  </div>
                  <p className="text-right font-bold tabular-nums" data-testid="line-total">
                    {formatKRW(line.lineTotal)}
                  </p>
                </div>
              </div>
            </li>
          ))}
        </ul>
      </div>
      <aside className="h-fit space-y-4 rounded-2xl border border-stone-200 bg-white p-6" aria-label="주문 요약">
        <PriceSummary goodsLabel={`상품 ${itemCount}개`} goods={total} shippingFee={fee} totalLabel="결제 예정 금액" total={total + fee} testIds={{ shipping: "cart-shipping", total: "cart-total" }} className="space-y-2 text-sm" />
        <p className="text-sm text-stone-700" data-testid="free-shipping-hint">
          {toFreeShipping > 0 ? `${formatKRW(toFreeShipping)} 더 담으면 무료배송이에요.` : "무료배송이에요."}
        </p>
        <p role="status" className="h-5 text-center text-xs text-stone-600">
          {saving ? "변경 사항 저장 중…" : ""}
        </p>
        {blocked ? (
          <p className="text-sm text-red-700">재고가 부족한 상품의 수량을 줄이거나 빼 주세요.</p>
        ) : (
          <Link href="/checkout" className="block rounded-lg bg-brand-600 px-4 py-3 text-center font-bold text-white hover:bg-brand-700">
            주문하기
          </Link>
        )}
      </aside>
    </div>
  );
}
