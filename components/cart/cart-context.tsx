"use client";

import { usePathname } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useOptimistic, useState } from "react";

type CartCount = { count: number | null; adjustCount: (delta: number) => void };

const CartCountContext = createContext<CartCount>({ count: null, adjustCount: () => {} });

export const CART_COUNT_URL = "/api/cart/count";

/**
 * The header's item count. Pages are cached for every shopper, so the count is asked for after
 * hydration (and again after each navigation and cart action); until then it is unknown (null).
 * A cart action's change shows at once (useOptimistic) and is kept when its transition ends,
 * then replaced by the server's number.
 */
export function CartCountProvider({ children }: { children: React.ReactNode }) {
  const pathname = usePathname();
  const [known, setKnown] = useState<number | null>(null);
  const [asked, setAsked] = useState(0);
  const [count, addOptimistic] = useOptimistic(known, (current: number | null, delta: number) => Math.max(0, (current ?? 0) + delta));

  useEffect(() => {
    const controller = new AbortController();
    fetch(CART_COUNT_URL, { signal: controller.signal, cache: "no-store" })
      .then((res) => (res.ok ? (res.json() as Promise<{ count: number }>) : null))
      .then((body) => {
        if (body && Number.isInteger(body.count)) setKnown(body.count);
      })
      .catch(() => {});
    return () => controller.abort();
  }, [pathname, asked]);

  const adjustCount = useCallback(
    (delta: number) => {
      addOptimistic(delta);
      // Inside the caller's transition: applied when its action has finished, then re-asked.
      setKnown((current) => Math.max(0, (current ?? 0) + delta));
      setAsked((n) => n + 1);
    },
    [addOptimistic],
  );

  return <CartCountContext.Provider value={{ count, adjustCount }}>{children}</CartCountContext.Provider>;
}

export function useCartCount(): CartCount {
  return useContext(CartCountContext);
}
