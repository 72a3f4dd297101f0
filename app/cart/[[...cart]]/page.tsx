import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { CartContents, CartSkeleton } from "@/components/cart/cart-contents";

export const metadata: Metadata = { title: "장바구니", robots: { index: false } };

// The same shell for every shopper, cached like the catalog: rendering the cart per request cost
// ~10 ms of server CPU, most of it React rendering the layout around one query's lines. The lines
// come from GET /api/cart once the shell has loaded. Rendered on the first request, not at build
// time, so that the layout's Content-Security-Policy follows the runtime configuration (a client
// navigation from here to /checkout keeps this document's policy). Other paths under it are 404s.
export const revalidate = 60;
export const dynamicParams = true;
export function generateStaticParams(): { cart?: string[] }[] {
  return [];
}

export default async function CartPage({ params }: { params: Promise<{ cart?: string[] }> }) {
  if ((await params).cart) notFound();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-black">장바구니</h1>
      {/* The ?notice= query is read in the browser: the shell is one page for every address. */}
      <Suspense fallback={<CartSkeleton />}>
        <CartContents />
      </Suspense>
    </div>
  );
}
