"use client";

import { useSearchParams } from "next/navigation";
import { startTransition, useCallback, useEffect, useState } from "react";
import type { CartPageData } from "@/lib/cart";
import { CartView } from "./cart-view";

export const CART_URL = "/api/cart";

const notices: Record<string, string> = {
  empty: "장바구니가 비어 있어 주문서로 이동할 수 없어요. 상품을 먼저 담아 주세요.",
};

async function fetchCart(): Promise<CartPageData> {
  const res = await fetch(CART_URL, { cache: "no-store" });
  if (!res.ok) throw new Error(`cart ${res.status}`);
  const body = (await res.json()) as CartPageData;
  // Our own route's answer: its shape is checked, not re-validated field by field (that would
  // bring zod into the page's bundle).
  if (!Array.isArray(body?.lines) || typeof body.shipping?.fee !== "number") throw new Error("unexpected cart answer");
  return body;
}

/** The cart's lines, asked for once the cached shell has loaded, and again after every change. */
export function CartContents() {
  const notice = useSearchParams().get("notice");
  const noticeText = notice ? notices[notice] : undefined;
  const [cart, setCart] = useState<CartPageData | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    fetchCart()
      .then((data) => current && setCart(data))
      .catch(() => current && setFailed(true));
    return () => {
      current = false;
    };
  }, [attempt]);

  // Called inside CartView's transition once a change is saved: its optimistic lines give way to
  // these in the same render, so a quantity never flickers back to the old one.
  const reload = useCallback(async () => {
    const data = await fetchCart().catch(() => null);
    if (data) startTransition(() => setCart(data));
  }, []);

  return (
    <>
      {noticeText ? (
        <p role="status" className="rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900">
          {noticeText}
        </p>
      ) : null}
      {cart ? (
        <CartView lines={cart.lines} shipping={cart.shipping} onSaved={reload} />
      ) : failed ? (
        <div role="alert" className="rounded-2xl border border-stone-200 bg-white p-10 text-center">
          <p className="font-semibold">장바구니를 불러오지 못했어요.</p>
          <button
            type="button"
            onClick={() => {
              setFailed(false);
              setAttempt((n) => n + 1);
            }}
            className="mt-4 inline-block rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700"
          >
            다시 시도
          </button>
        </div>
      ) : (
        <CartSkeleton />
      )}
    </>
  );
}

/** The cart's layout while its lines load: a line and the summary box, at their final sizes. */
export function CartSkeleton() {
  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_320px]" aria-busy="true">
      {/* Not a live region: the page's notice is its one status message. */}
      <p className="sr-only">장바구니를 불러오고 있어요</p>
      <div className="min-w-0">
        <div className="flex gap-3 rounded-2xl border border-stone-200 bg-white p-4 sm:gap-4">
          <div className="h-20 w-20 shrink-0 rounded-lg bg-stone-100" />
          <div className="min-w-0 flex-1 space-y-2">
            <div className="h-5 w-2/3 rounded bg-stone-100" />
            <div className="h-4 w-1/4 rounded bg-stone-100" />
            <div className="h-10 w-32 rounded-lg bg-stone-100" />
          </div>
        </div>
      </div>
      <div className="h-72 rounded-2xl border border-stone-200 bg-white" />
    </div>
  );
}
