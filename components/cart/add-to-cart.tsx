"use client";

import Link from "next/link";
import { useId, useState, useTransition } from "react";
import { addToCartAction } from "./actions";
import { useCartCount } from "./cart-context";

export function AddToCart({ productId, maxQuantity }: { productId: number; maxQuantity: number }) {
  const [quantity, setQuantity] = useState(1);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const { adjustCount } = useCartCount();
  const quantityId = useId();
  const limit = Math.min(maxQuantity, 99);

  function add() {
    setResult(null);
    startTransition(async () => {
      adjustCount(quantity);
      const response = await addToCartAction(productId, quantity);
      setResult(response.ok ? { ok: true, message: "장바구니에 담았어요" } : { ok: false, message: response.message });
    });
  }

  return (
    <div className="space-y-3">
      <div className="flex items-center gap-3">
        <label htmlFor={quantityId} className="text-sm font-medium text-stone-600">
          수량
        </label>
        <select
          id={quantityId}
          value={quantity}
          onChange={(e) => setQuantity(Number(e.target.value))}
          className="rounded-lg border border-stone-300 bg-white px-3 py-2"
        >
          {Array.from({ length: limit }, (_, i) => i + 1).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        <button
          type="button"
          onClick={add}
          disabled={pending}
          className="flex-1 rounded-lg bg-brand-600 px-5 py-3 font-bold text-white transition hover:bg-brand-700 disabled:cursor-wait disabled:opacity-70"
        >
          {pending ? "담는 중…" : "장바구니 담기"}
        </button>
      </div>
      <div aria-live="polite" className="min-h-6 text-sm">
        {result?.ok ? (
          <p className="text-emerald-700">
            {result.message} ·{" "}
            <Link href="/cart" className="font-semibold underline">
              장바구니 보기
            </Link>
          </p>
        ) : result ? (
          <p role="alert" className="text-red-700">
            {result.message}
          </p>
        ) : null}
      </div>
    </div>
  );
}
