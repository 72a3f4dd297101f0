import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { CheckoutForm } from "@/components/checkout/checkout-form";
import { OrderSummary } from "@/components/checkout/order-summary";
import { db } from "@/db/client";
import { getCart } from "@/lib/cart";
import { readCartId } from "@/lib/cart-cookie";
import { env } from "@/lib/env";
import { formatKRW } from "@/lib/money";
import { PriceSummary } from "@/components/orders/price-summary";
import { checkoutPrefill } from "@/lib/orders/checkout-prefill";
import { customerKeyFor } from "@/lib/orders/place-order";
import { shippingFee } from "@/lib/shipping";

export const metadata: Metadata = { title: "주문서", robots: { index: false } };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ buy?: string | string[] }> };

export default async function CheckoutPage({ searchParams }: Props) {
  // /checkout?buy=now is 바로 구매: its own one-line cart, never the shopper's cart.
  const source = (await searchParams).buy === "now" ? "buy-now" : "cart";
  const cart = await getCart(db, await readCartId(source));
  if (!cart.id || cart.lines.length === 0) redirect(source === "buy-now" ? "/" : "/cart?notice=empty");
  const { toss, postcode, shipping } = env();
  const fee = shippingFee(cart.total, shipping);
  const amount = cart.total + fee;
  const prefill = await checkoutPrefill(db, cart.id);

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-black">주문서</h1>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_340px] lg:gap-8">
        <OrderSummary
          className="lg:col-start-2 lg:row-start-1"
          title={
            <span className="flex min-w-0 flex-1 flex-wrap items-baseline justify-between gap-x-3">
              <span>주문 상품 {cart.itemCount}개</span>
              <span className="tabular-nums text-brand-700">{formatKRW(amount)}</span>
            </span>
          }
        >
          <ul className="space-y-3 text-sm">
            {cart.lines.map((line) => (
              <li key={line.productId} className="flex justify-between gap-3">
                <span className="min-w-0 break-words">
                  {line.name} <span className="text-stone-600">× {line.quantity}</span>
                </span>
                <span className="shrink-0 tabular-nums">{formatKRW(line.lineTotal)}</span>
              </li>
            ))}
          </ul>
          <PriceSummary goodsLabel="상품 금액" goods={cart.total} shippingFee={fee} totalLabel="총 결제 금액" total={amount} testIds={{ shipping: "checkout-shipping", total: "checkout-total" }} />
        </OrderSummary>
        <div className="min-w-0 lg:col-start-1 lg:row-start-1">
          <CheckoutForm
            amount={amount}
            widget={{ clientKey: toss.clientKey, customerKey: customerKeyFor(cart.id), src: toss.widgetSrc }}
            postcodeSrc={postcode.scriptSrc}
            initialValues={prefill}
            source={source}
          />
        </div>
      </div>
    </div>
  );
}
