import { notFound } from "next/navigation";
import { ProductCard } from "@/components/product/product-card";
import { listActiveProducts } from "@/lib/catalog";

// The home page is cached like a static file and rendered from the database on its first
// request, never at build time (builds do not open the database). An optional catch-all with
// no prerendered params is how a route gets that in Next; every other path under it is a 404.
export const revalidate = 60;
export const dynamicParams = true;
export function generateStaticParams(): { home?: string[] }[] {
  return [];
}

export default async function HomePage({ params }: { params: Promise<{ home?: string[] }> }) {
  if ((await params).home) notFound();
  const products = await listActiveProducts();
  return (
    <div className="space-y-8">
      <section className="rounded-2xl bg-gradient-to-br from-brand-50 to-amber-50 px-6 py-10 sm:px-10">
        <p className="text-sm font-semibold text-brand-600">오늘의 장터</p>
        <h1 className="mt-2 text-3xl font-black tracking-tight sm:text-4xl">장인이 만든 먹거리와 살림살이</h1>
        <p className="mt-3 max-w-xl text-stone-600">카드, 계좌이체, 가상계좌, 토스페이로 간편하게 결제할 수 있어요.</p>
      </section>
      <section aria-labelledby="products-heading">
        <h2 id="products-heading" className="mb-4 text-xl font-bold">
          전체 상품 <span className="text-stone-600">{products.length}</span>
        </h2>
        {products.length === 0 ? (
          <p className="text-stone-500">아직 등록된 상품이 없어요.</p>
        ) : (
          <ul className="grid grid-cols-2 gap-x-4 gap-y-8 sm:grid-cols-3 lg:grid-cols-4" data-testid="product-grid">
            {products.map((product, i) => (
              <ProductCard key={product.id} product={product} priority={i < 4} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
