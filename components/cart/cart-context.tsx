"use client";

import { createContext, useContext, useOptimistic } from "react";

type CartCount = { count: number; adjustCount: (delta: number) => void };

const CartCountContext = createContext<CartCount>({ count: 0, adjustCount: () => {} });

/**
 * The header's item count: the server's number, plus the changes of cart actions still in
 * flight (useOptimistic drops them when the action's transition ends with fresh server data).
 */
export function CartCountProvider({ serverCount, children }: { serverCount: number; children: React.ReactNode }) {
  const [count, adjustCount] = useOptimistic(serverCount, (current: number, delta: number) => Math.max(0, current + delta));
  return <CartCountContext.Provider value={{ count, adjustCount }}>{children}</CartCountContext.Provider>;
}

export function useCartCount(): CartCount {
  return useContext(CartCountContext);
}
