"use client";

import { usePathname } from "next/navigation";
import { CartCountProvider } from "@/components/cart/cart-context";

/** The back office's own paths: its layout (app/admin/layout.tsx) brings its own navigation and main. */
export function isBackOffice(pathname: string | null): boolean {
  return pathname === "/admin" || (pathname ?? "").startsWith("/admin/");
}

/**
 * The storefront's header, main and footer around every page but the back office's. Decided from
 * the URL in the browser (and at render time from the same URL), because reading the request in
 * the root layout would make every cached catalog page dynamic.
 */
export function StoreChrome({ header, footer, children }: { header: React.ReactNode; footer: React.ReactNode; children: React.ReactNode }) {
  const pathname = usePathname();
  if (isBackOffice(pathname)) return children;
  return (
    <CartCountProvider>
      {header}
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6">
        {children}
      </main>
      {footer}
    </CartCountProvider>
  );
}
