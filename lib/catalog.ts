import { and, asc, eq } from "drizzle-orm";
import { revalidateTag, unstable_cache } from "next/cache";
import { afterCommit, db, type Transaction } from "@/db/client";
import { products, type Product } from "@/db/schema";
import { cacheTags } from "./cache-tags";
import { text } from "./input";
import { log } from "./log";

const productSlug = text(200);

export type StockState = "in_stock" | "low_stock" | "sold_out";

export const LOW_STOCK_THRESHOLD = 3;

export function stockState(product: Pick<Product, "stock">): StockState {
  if (product.stock <= 0) return "sold_out";
  if (product.stock <= LOW_STOCK_THRESHOLD) return "low_stock";
  return "in_stock";
}

export const stockLabel: Record<StockState, string> = {
  in_stock: "재고 있음",
  low_stock: "품절 임박",
  sold_out: "품절",
};

/**
 * What a cached catalog page shows of a product's stock: its state, and the count only while
 * it is low. Pages depend on the stock through this alone, so an order that leaves it unchanged
 * (most orders) leaves every cached page valid.
 */
export function displayedStock(stock: number): { state: StockState; count: number | null } {
  const state = stockState({ stock });
  return { state, count: state === "low_stock" ? stock : null };
}

/** How many units the product page lets a shopper pick; the cart still checks the real stock. */
export function selectableQuantity(stock: number): number {
  const { state, count } = displayedStock(stock);
  if (state === "sold_out") return 0;
  return count ?? 10;
}

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

// Catalog reads are shared by every shopper: cached, and tagged so that a change revalidates
// exactly the pages it touched. The lifetime bounds staleness for changes made where no tag can
// be revalidated (another process such as `npm run sweep`, another server instance, raw SQL).
const CATALOG_REVALIDATE_SECONDS = 60;

export const listActiveProducts = unstable_cache(queryActiveProducts, ["catalog:list"], {
  tags: [cacheTags.catalog],
  revalidate: CATALOG_REVALIDATE_SECONDS,
});

export function getProductBySlug(slug: string): Promise<Product | null> {
  // A slug from the URL may hold anything; only a storable one can name a product.
  if (!productSlug.safeParse(slug).success) return Promise.resolve(null);
  return unstable_cache(queryProductBySlug, ["catalog:product", slug], {
    tags: [cacheTags.product(slug)],
    revalidate: CATALOG_REVALIDATE_SECONDS,
  })(slug);
}


type IncrementalCache = { revalidateTag(tags: string[], durations?: { expire?: number }): Promise<void> };

/**
 * Expires the tags now, so the next request renders fresh pages (not a stale one first). Inside
 * a server action or route handler Next applies them when the request ends. Where Next refuses
 * (the sweeper's timer, outside any request) they go straight to this process's page cache, once
 * it has one (docs/workarounds.md). No page writes while it renders.
 */
function expireTags(tags: string[]): void {
  if (tags.length === 0) return;
  try {
    for (const tag of tags) revalidateTag(tag, { expire: 0 });
  } catch {
    const cache = (globalThis as { __incrementalCache?: IncrementalCache }).__incrementalCache;
    void cache?.revalidateTag(tags, { expire: 0 }).catch((error: unknown) => log.warn({ err: error, tags }, "catalog revalidation failed"));
  }
}

/** One product's stock before and after a change, as the stock module (lib/products/stock.ts) reports it. */
export type StockChange = { productId: number; slug: string; before: number; after: number };

/** The cache tags whose pages show a stock that changed: most orders touch none. */
export function tagsForStockChanges(changes: readonly Pick<StockChange, "slug" | "before" | "after">[]): string[] {
  const tags = new Set<string>();
  for (const { slug, before, after } of changes) {
    const was = displayedStock(before);
    const now = displayedStock(after);
    if (was.state !== now.state) tags.add(cacheTags.catalog);
    if (was.state !== now.state || was.count !== now.count) tags.add(cacheTags.product(slug));
  }
  return [...tags];
}

// The tags each open transaction will expire, gathered so that it expires them once.
const tagsToExpire = new WeakMap<Transaction, Set<string>>();

/**
 * The one way the catalog's cached pages are expired: once `tx` has committed, and never if it
 * rolls back. Expired any sooner, a page rendered before the commit (a shopper's request, a link
 * prefetch) would read the old rows and be cached as fresh. Inside a server action this is the
 * same immediate expiry as updateTag, so the acting owner sees their own change.
 */
export function expireCatalogTagsAfterCommit(tx: Transaction, tags: readonly string[]): void {
  if (tags.length === 0) return;
  let pending = tagsToExpire.get(tx);
  if (!pending) {
    const gathered = new Set<string>();
    tagsToExpire.set(tx, gathered);
    afterCommit(tx, () => expireTags([...gathered]));
    pending = gathered;
  }
  for (const tag of tags) pending.add(tag);
}
