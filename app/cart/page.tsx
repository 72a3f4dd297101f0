import type { Metadata } from "next";
import { CartView } from "@/components/cart/cart-view";
import { db } from "@/db/client";
import { getCart } from "@/lib/cart";
import { readCartId } from "@/lib/cart-cookie";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "장바구니", robots: { index: false } };
export const dynamic = "force-dynamic";

const notices: Record<string, string> = {
  empty: "장바구니가 비어 있어 주문서로 이동할 수 없어요. 상품을 먼저 담아 주세요.",
};

export default async function CartPage({ searchParams }: { searchParams: Promise<{ notice?: string | string[] }> }) {
  const { notice } = await searchParams;
  const cart = await getCart(db, await readCartId());
  const noticeText = typeof notice === "string" ? notices[notice] : undefined;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-black">장바구니</h1>
      {noticeText ? (
        <p role="status" className="rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900">
          {noticeText}
        </p>
      ) : null}
      <CartView lines={cart.lines} shipping={env().shipping} />
    </div>
  );
}
