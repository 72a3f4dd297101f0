"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, useTransition } from "react";
import { addToCartAction, buyNowAction } from "@/components/cart/actions";
import { useCartCount } from "@/components/cart/cart-context";
import { formatKRW } from "@/lib/money";

type Toast = { ok: boolean; message: string };

/**
 * 수량, its total, 장바구니 담기 and 바로 구매. On phones they sit in a bar fixed to the bottom of
 * the screen, and the confirmation is a toast just above it, so all stay in reach of a thumb.
 */
export function ProductPurchase({ productId, maxQuantity, unitPrice }: { productId: number; maxQuantity: number; unitPrice: number }) {
  const [quantity, setQuantity] = useState(1);
  const [toast, setToast] = useState<Toast | null>(null);
  const [pending, startTransition] = useTransition();
  const [buying, setBuying] = useState(false);
  const { adjustCount } = useCartCount();
  const router = useRouter();
  const quantityId = useId();
  const hideTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const limit = Math.min(maxQuantity, 99);
  const busy = pending || buying;

  useEffect(() => () => {
    if (hideTimer.current) clearTimeout(hideTimer.current);
  }, []);

  function show(next: Toast) {
    setToast(next);
    if (hideTimer.current) clearTimeout(hideTimer.current);
    hideTimer.current = setTimeout(() => setToast(null), 6_000);
  }

  // The buttons are never `disabled` while busy: a disabled button drops keyboard focus to <body>.
  function add() {
    if (busy) return;
    startTransition(async () => {
      adjustCount(quantity);
      const response = await addToCartAction(productId, quantity);
      show(response.ok ? { ok: true, message: "장바구니에 담았어요" } : { ok: false, message: response.message });
    });
  }

  function buyNow() {
    if (busy) return;
    setBuying(true);
    startTransition(async () => {
      // Its own one-line cart: the shopper's cart (and the header count) stay as they were.
      const response = await buyNowAction(productId, quantity);
      if (response.ok) {
        router.push("/checkout?buy=now");
        return;
      }
      setBuying(false);
      show({ ok: false, message: response.message });
    });
  }

  return (
    <div>
      <div
        data-testid="purchase-bar"
        className="fixed inset-x-0 bottom-0 z-40 border-t border-stone-200 bg-white/95 px-4 pt-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] backdrop-blur md:static md:border-0 md:bg-transparent md:p-0 md:backdrop-blur-none"
      >
        {/* 수량 and the total ride in the bar on phones, so nothing fixed can cover them; the toast
            sits above the bar, over the page rather than over the bar's controls. */}
        <div className="relative mx-auto flex max-w-6xl flex-col gap-3">
          <div aria-live="polite" className="pointer-events-none absolute inset-x-0 bottom-full mb-3 flex justify-center md:static md:order-last md:mb-0 md:block">
            {toast ? (
              <div
                data-testid="cart-toast"
                role={toast.ok ? "status" : "alert"}
                className={`pointer-events-auto flex max-w-md flex-wrap items-center gap-x-3 gap-y-1 rounded-xl px-4 py-3 text-sm shadow-lg md:shadow-none ${
                  toast.ok ? "bg-stone-900 text-white md:bg-emerald-50 md:text-emerald-900" : "bg-red-700 text-white md:bg-red-50 md:text-red-800"
                }`}
              >
                <span>{toast.message}</span>
                {toast.ok ? (
                  <Link href="/cart" className="inline-flex min-h-8 items-center font-bold underline">
                    장바구니 보기
                  </Link>
                ) : null}
              </div>
            ) : null}
          </div>
          <div className="flex items-center justify-between gap-3">
            <div className="flex items-center gap-2">
              <label htmlFor={quantityId} className="text-sm font-medium text-stone-700">
                수량
              </label>
              <select
                id={quantityId}
                value={quantity}
                onChange={(e) => setQuantity(Number(e.target.value))}
                className="min-h-11 rounded-lg border border-stone-400 bg-white px-3 py-2"
              >
                {Array.from({ length: limit }, (_, i) => i + 1).map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </div>
            <p className="flex items-baseline gap-2 text-sm text-stone-700">
              합계
              <span data-testid="purchase-total" className="text-lg font-bold text-stone-900 tabular-nums">
                {formatKRW(unitPrice * quantity)}
              </span>
            </p>
          </div>
          <div className="flex gap-2">
            <button
              type="button"
              onClick={add}
              aria-disabled={busy || undefined}
              className="min-h-12 flex-1 rounded-lg border-2 border-brand-600 bg-white px-4 font-bold text-brand-700 transition hover:bg-brand-50 aria-disabled:cursor-wait aria-disabled:opacity-70"
            >
              {pending && !buying ? "담는 중…" : "장바구니 담기"}
            </button>
            <button
              type="button"
              onClick={buyNow}
              aria-disabled={busy || undefined}
              className="min-h-12 flex-1 rounded-lg bg-brand-600 px-4 font-bold text-white transition hover:bg-brand-700 aria-disabled:cursor-wait aria-disabled:opacity-70"
            >
              {buying ? "주문서로 가는 중…" : "바로 구매"}
            </button>
          </div>
        </div>
      </div>
      {/* Room for the fixed bar, so the footer is not hidden behind it on phones. */}
      <div aria-hidden className="h-36 md:hidden" />
    </div>
  );
}
