import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { CheckoutForm } from "@/components/checkout/checkout-form";
import { db } from "@/db/client";
import { getCart } from "@/lib/cart";
import { readCartId } from "@/lib/cart-cookie";
import { env } from "@/lib/env";
import { formatKRW } from "@/lib/money";
import { customerKeyFor } from "@/lib/orders/place-order";

export const metadata: Metadata = { title: "주문서", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function CheckoutPage() {
  const cart = await getCart(db, await readCartId());
  if (!cart.id || cart.lines.length === 0) redirect("/cart?notice=empty");
  const { toss } = env();

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-black">주문서</h1>
      <div className="grid gap-8 lg:grid-cols-[1fr_340px]">
        <CheckoutForm amount={cart.total} widget={{ clientKey: toss.clientKey, customerKey: customerKeyFor(cart.id), src: toss.widgetSrc }} />
        <aside className="h-fit space-y-4 rounded-2xl border border-stone-200 bg-white p-6 lg:sticky lg:top-24" aria-label="주문 상품">
          <h2 className="text-lg font-bold">주문 상품</h2>
          <ul className="space-y-3 text-sm">
            {cart.lines.map((line) => (
              <li key={line.productId} className="flex justify-between gap-3">
                <span>
                  {line.name} <span className="text-stone-500">× {line.quantity}</span>
                </span>
                <span className="shrink-0 tabular-nums">{formatKRW(line.lineTotal)}</span>
              </li>
            ))}
          </ul>
          <div className="flex justify-between border-t border-stone-200 pt-3 text-base font-bold">
            <span>총 결제 금액</span>
            <span className="tabular-nums" data-testid="checkout-total">
              {formatKRW(cart.total)}
            </span>
          </div>
        </aside>
      </div>
    </div>
  );
}
