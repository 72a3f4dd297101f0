import { and, asc, eq } from "drizzle-orm";
import { unstable_cache } from "next/cache";
import { db } from "@/db/client";
import { products, type Product } from "@/db/schema";
import { cacheTags } from "./cache-tags";
import { text } from "./input";

const productSlug = text(200);

export type StockState = "in_stock" | "low_stock" | "sold_out";

export function stockState(product: Pick<Product, "stock">): StockState {
  if (product.stock <= 0) return "sold_out";
  if (product.stock <= 3) return "low_stock";
  return "in_stock";
}

export const stockLabel: Record<StockState, string> = {
  in_stock: "재고 있음",
  low_stock: "품절 임박",
  sold_out: "품절",
};

async function queryActiveProducts(): Promise<Product[]> {
  return db.select().from(products).where(eq(products.active, true)).orderBy(asc(products.id));
}

async function queryProductBySlug(slug: string): Promise<Product | null> {
  const [row] = await db
    .select()
    .from(products)
    .where(and(eq(products.slug, slug), eq(products.active, true)))
    .limit(1);
  return row ?? null;
}

// Catalog reads are shared by every shopper and change rarely: cache them, tagged so that a
// product change (stock, price) revalidates exactly what it touched. The minute-long lifetime
// bounds staleness for changes made outside the app (db:seed, another tool).
export const listActiveProducts = unstable_cache(queryActiveProducts, ["catalog:list"], {
  tags: [cacheTags.catalog],
  revalidate: 60,
});

export function getProductBySlug(slug: string): Promise<Product | null> {
  // A slug from the URL may hold anything; only a storable one can name a product.
  if (!productSlug.safeParse(slug).success) return Promise.resolve(null);
  return unstable_cache(queryProductBySlug, ["catalog:product", slug], {
    tags: [cacheTags.catalog, cacheTags.product(slug)],
    revalidate: 60,
  })(slug);
}
