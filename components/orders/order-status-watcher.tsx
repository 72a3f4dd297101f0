"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * While an order waits (a deposit, a confirm), asks the server for its status every few seconds
 * and re-renders the page once it changes; stops when the page no longer waits.
 */
export function OrderStatusWatcher({ orderId, status, intervalMs = 3_000 }: { orderId: string; status: string; intervalMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    let stopped = false;
    const timer = setInterval(async () => {
      try {
        const response = await fetch(`/orders/${encodeURIComponent(orderId)}/status`, { cache: "no-store" });
        if (!response.ok || stopped) return;
        const body = (await response.json()) as { status?: string };
        if (body.status && body.status !== status) {
          stopped = true;
          clearInterval(timer);
          router.refresh();
        }
      } catch {
        // Offline for a moment: the next tick tries again.
      }
    }, intervalMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [orderId, status, intervalMs, router]);
  return null;
}
