import { and, eq, gte, sql } from "drizzle-orm";
import { rowsOf, type Transaction } from "@/db/client";
import { orderItems, products } from "@/db/schema";
import { expireCatalogTagsAfterCommit, tagsForStockChanges, type StockChange } from "@/lib/catalog";

// The one module that changes products.stock. Each change runs on the caller's transaction as a
// conditional UPDATE (stock never goes below zero, whoever races), returns what it changed, and
// expires the catalog pages whose shown stock it changed once that transaction commits.
// A caller changing several products does so in product-id order, so two cannot deadlock.

function expireShownStock(tx: Transaction, changes: StockChange[]): StockChange[] {
  expireCatalogTagsAfterCommit(tx, tagsForStockChanges(changes));
  return changes;
}

/**
 * Takes `quantity` units of an active product for an order. Null when the product is inactive or
 * has fewer units: of two shoppers racing for the last unit, one update finds the row still
 * satisfying stock >= quantity and the other finds none.
 */
export async function reserve(tx: Transaction, productId: number, quantity: number): Promise<StockChange | null> {
  const [row] = await tx
    .update(products)
    .set({ stock: sql`${products.stock} - ${quantity}` })
    .where(and(eq(products.id, productId), eq(products.active, true), gte(products.stock, quantity)))
    .returning({ slug: products.slug, stock: products.stock });
  if (!row) return null;
  return expireShownStock(tx, [{ productId, slug: row.slug, before: row.stock + quantity, after: row.stock }])[0]!;
}

/** Gives back every unit an order reserved (its lines still pointing at a product), in one statement that locks the products in id order. */
export async function release(tx: Transaction, orderDbId: number): Promise<StockChange[]> {
  const released = await tx.execute(sql`
    with lines as (
      select ${orderItems.productId} as product_id, sum(${orderItems.quantity})::int as quantity
      from ${orderItems} where ${orderItems.orderId} = ${orderDbId} and ${orderItems.productId} is not null
      group by ${orderItems.productId}
    ), locked as (
      select ${products.id} as id, lines.quantity from ${products} join lines on lines.product_id = ${products.id}
      order by ${products.id} for update of ${products}
    )
    update ${products} set stock = ${products.stock} + locked.quantity from locked where ${products.id} = locked.id
    returning ${products.id} as id, ${products.slug} as slug, ${products.stock} as stock, locked.quantity as quantity`);
  const rows = rowsOf<{ id: number; slug: string; stock: number; quantity: number }>(released);
  return expireShownStock(
    tx,
    rows.map((r) => ({ productId: r.id, slug: r.slug, before: r.stock - r.quantity, after: r.stock })),
  );
}

/** Puts refunded units back on sale; null when the product no longer exists. */
export async function restock(tx: Transaction, productId: number, quantity: number): Promise<StockChange | null> {
  const [row] = await tx
    .update(products)
    .set({ stock: sql`${products.stock} + ${quantity}` })
    .where(eq(products.id, productId))
    .returning({ slug: products.slug, stock: products.stock });
  if (!row) return null;
  return expireShownStock(tx, [{ productId, slug: row.slug, before: row.stock - quantity, after: row.stock }])[0]!;
}

/** An owner's change: by a delta, or to a number from the stock the owner saw. */
export type StockAdjustment = { delta: number } | { set: number; expected: number };

/**
 * Changes stock by hand. Null when the delta would take it below zero, when the stock is no
 * longer the one the owner saw (a reservation made meanwhile is never overwritten), or when
 * there is no such product.
 */
export async function adjust(tx: Transaction, productId: number, change: StockAdjustment): Promise<StockChange | null> {
  const [row] =
    "delta" in change
      ? await tx
          .update(products)
          .set({ stock: sql`${products.stock} + ${change.delta}` })
          .where(and(eq(products.id, productId), gte(sql`${products.stock} + ${change.delta}`, 0)))
          .returning({ slug: products.slug, stock: products.stock })
      : await tx
          .update(products)
          .set({ stock: change.set })
          .where(and(eq(products.id, productId), eq(products.stock, change.expected)))
          .returning({ slug: products.slug, stock: products.stock });
  if (!row) return null;
  const before = "delta" in change ? row.stock - change.delta : change.expected;
  return expireShownStock(tx, [{ productId, slug: row.slug, before, after: row.stock }])[0]!;
}
