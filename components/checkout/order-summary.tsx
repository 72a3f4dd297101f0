"use client";

import { useEffect, useRef } from "react";

/**
 * The order summary: first on the page and folded on phones (its title shows count and amount),
 * open beside the form on wide screens.
 */
export function OrderSummary({ title, children, className = "" }: { title: React.ReactNode; children: React.ReactNode; className?: string }) {
  const details = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (details.current && window.matchMedia("(min-width: 1024px)").matches) details.current.open = true;
  }, []);
  return (
    <details ref={details} className={`group h-fit rounded-2xl border border-stone-200 bg-white lg:sticky lg:top-24 ${className}`} data-testid="order-summary">
      <summary className="flex min-h-12 cursor-pointer list-none items-center justify-between gap-3 px-5 py-3 font-bold [&::-webkit-details-marker]:hidden">
        {title}
        <svg aria-hidden viewBox="0 0 20 20" className="h-5 w-5 shrink-0 transition group-open:rotate-180" fill="currentColor">
          <path d="M5.3 7.3a1 1 0 0 1 1.4 0L10 10.6l3.3-3.3a1 1 0 1 1 1.4 1.4l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 0 1 0-1.4Z" />
        </svg>
      </summary>
      <div className="space-y-4 border-t border-stone-200 px-5 py-4">{children}</div>
    </details>
  );
}
