import type { Metadata } from "next";
import Link from "next/link";
import { notFound, permanentRedirect } from "next/navigation";
import { ProductImage } from "@/components/product/product-image";
import { ProductPurchase } from "@/components/product/product-purchase";
import { StockBadge } from "@/components/product/stock-badge";
import { db } from "@/db/client";
import { getProductBySlug, selectableQuantity } from "@/lib/catalog";
import { env } from "@/lib/env";
import { formatKRW } from "@/lib/money";
import { orderableQuantity, purchaseLimitText } from "@/lib/orders/purchase-limits";
import { findProductSlugRedirect, SLUG_PATTERN } from "@/lib/products/admin";

// Cached like a static file, rendered on a product's first request (builds do not open the
// database) and refreshed by its cache tag when what the page shows changes.
export const revalidate = 60;
export const dynamicParams = true;
export function generateStaticParams(): { slug: string }[] {
  return [];
}

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const product = await getProductBySlug((await params).slug);
  if (!product) return { title: "상품을 찾을 수 없어요" };
  return {
    title: product.name,
    description: product.description,
    alternates: { canonical: `/products/${product.slug}` },
    openGraph: { title: product.name, description: product.description, images: [product.image] },
  };
}

export default async function ProductPage({ params }: Props) {
  const { slug } = await params;
  const product = await getProductBySlug(slug);
  if (!product) {
    // A renamed product's old address keeps working.
    const current = SLUG_PATTERN.test(slug) ? await findProductSlugRedirect(db, slug) : null;
    if (current && current !== slug) permanentRedirect(`/products/${current}`);
    notFound();
  }
  const soldOut = product.stock <= 0;
  const limitText = purchaseLimitText(product);
  const jsonLd = {
    "@context": "https://schema.org",
    "@type": "Product",
    name: product.name,
    description: product.description,
    image: new URL(product.image, env().appUrl).toString(),
    sku: product.slug,
    offers: {
      "@type": "Offer",
      price: product.price,
      priceCurrency: "KRW",
      availability: soldOut ? "https://schema.org/OutOfStock" : "https://schema.org/InStock",
      url: new URL(`/products/${product.slug}`, env().appUrl).toString(),
    },
  };

  return (
    <article className="grid gap-8 md:grid-cols-2 md:gap-12">
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: JSON.stringify(jsonLd).replace(/</g, "\\u003c") }} />
      <div className="relative aspect-square overflow-hidden rounded-2xl bg-stone-100">
        <ProductImage src={product.image} alt={product.name} priority className={soldOut ? "opacity-50 grayscale" : ""} />
      </div>
      <div className="flex flex-col gap-5">
        <nav aria-label="위치" className="text-sm text-stone-500">
          <Link href="/" className="hover:text-brand-600">
            전체 상품
          </Link>
          <span aria-hidden> / </span>
          <span>{product.name}</span>
        </nav>
        <h1 className="text-3xl font-black tracking-tight">{product.name}</h1>
        <p className="text-3xl font-bold tabular-nums" data-testid="product-price">
          {formatKRW(product.price)}
        </p>
        <div data-testid="stock-state">
          <StockBadge stock={product.stock} showCount />
        </div>
        <p className="leading-relaxed text-stone-700">{product.description}</p>
        {soldOut ? (
          <p className="rounded-lg bg-stone-100 px-4 py-3 font-semibold text-stone-700">품절된 상품이에요. 재입고를 기다려 주세요.</p>
        ) : (
          <ProductPurchase productId={product.id} maxQuantity={orderableQuantity(product, selectableQuantity(product.stock))} unitPrice={product.price} />
        )}
        {limitText ? (
          <p className="text-sm font-semibold text-brand-700" data-testid="purchase-limit">
            {limitText}
          </p>
        ) : null}
        <ul className="space-y-1 text-sm text-stone-600">
          <li>
            {formatKRW(env().shipping.freeThreshold)} 이상 무료배송 (그 아래는 배송비 {formatKRW(env().shipping.fee)}) · 평일 오후 2시 이전 주문 당일 출고
          </li>
          <li>토스페이먼츠 안전결제: 카드 · 계좌이체 · 가상계좌 · 토스페이</li>
        </ul>
      </div>
    </article>
  );
}
