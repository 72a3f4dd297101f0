import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { productSlugRedirects, products } from "@/db/schema";
import { listProductEvents } from "./admin";

/** A product's admin page: the product, its old addresses and its history (newest first); null if unknown. */
export async function getAdminProduct(db: Executor, productId: number) {
  if (!Number.isSafeInteger(productId) || productId <= 0) return null;
  const [product] = await db.select().from(products).where(eq(products.id, productId)).limit(1);
  if (!product) return null;
  const [oldSlugs, events] = await Promise.all([
    db.select({ slug: productSlugRedirects.slug }).from(productSlugRedirects).where(eq(productSlugRedirects.productId, productId)),
    listProductEvents(db, productId),
  ]);
  return { product, oldSlugs: oldSlugs.map((r) => r.slug), events };
}
