import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { rowsOf, type Executor } from "@/db/client";
import { cartItems, carts, orderItems, products } from "@/db/schema";
import type { ShippingRule } from "@/lib/shipping";

export const MAX_LINE_QUANTITY = 99;

export const cartIdSchema = z.uuid();
export const productIdSchema = z.coerce.number().int().positive().max(2_147_483_647);
export const quantitySchema = z.coerce
  .number({ error: "수량은 숫자여야 합니다" })
  .int("수량은 정수여야 합니다")
  .min(1, "수량은 1개 이상이어야 합니다")
  .max(MAX_LINE_QUANTITY, `한 번에 ${MAX_LINE_QUANTITY}개까지 담을 수 있습니다`);

export type CartLine = {
  productId: number;
  slug: string;
  name: string;
  image: string;
  unitPrice: number;
  quantity: number;
  lineTotal: number;
  /** Units the product has now; a line above it cannot be ordered as is. */
  stock: number;
  available: boolean;
};

export type CartView = { id: string | null; lines: CartLine[]; itemCount: number; total: number };

export const emptyCart: CartView = { id: null, lines: [], itemCount: 0, total: 0 };

/** The cart as the shopper should see it: current prices and stock from the products table. */
export async function getCart(db: Executor, cartId: string | undefined): Promise<CartView> {
  if (!cartId || !cartIdSchema.safeParse(cartId).success) return emptyCart;
  const rows = await db
    .select({
      productId: products.id,
      slug: products.slug,
      name: products.name,
      image: products.image,
      unitPrice: products.price,
      stock: products.stock,
      active: products.active,
      quantity: cartItems.quantity,
    })
    .from(cartItems)
    .innerJoin(products, eq(products.id, cartItems.productId))
    .where(eq(cartItems.cartId, cartId))
    .orderBy(asc(cartItems.id));
  const lines = rows.map((r) => ({
    productId: r.productId,
    slug: r.slug,
    name: r.name,
    image: r.image,
    unitPrice: r.unitPrice,
    quantity: r.quantity,
    lineTotal: r.unitPrice * r.quantity,
    stock: r.stock,
    available: r.active && r.stock >= r.quantity,
  }));
  return {
    id: cartId,
    lines,
    itemCount: lines.reduce((n, l) => n + l.quantity, 0),
    total: lines.reduce((n, l) => n + l.lineTotal, 0),
  };
}

/** What GET /api/cart answers: the lines the cart page shows, and the rule its shipping line follows. */
export type CartPageData = { lines: CartLine[]; shipping: ShippingRule };

export async function getCartPageData(db: Executor, cartId: string | undefined, shipping: ShippingRule): Promise<CartPageData> {
  return { lines: (await getCart(db, cartId)).lines, shipping };
}

/** Just the number of units, for the header: one small query. */
export async function getCartItemCount(db: Executor, cartId: string | undefined): Promise<number> {
  if (!cartId || !cartIdSchema.safeParse(cartId).success) return 0;
  const [row] = await db
    .select({ count: sql<number>`coalesce(sum(${cartItems.quantity}), 0)::int` })
    .from(cartItems)
    .where(eq(cartItems.cartId, cartId));
  return row?.count ?? 0;
}

export type CartChange = { ok: true; cartId: string } | { ok: false; message: string };

async function loadSellable(db: Executor, productId: number) {
  const [product] = await db
    .select({ id: products.id, name: products.name, stock: products.stock, active: products.active })
    .from(products)
    .where(eq(products.id, productId))
    .limit(1);
  return product ?? null;
}

async function ensureCart(db: Executor, cartId: string | undefined): Promise<string> {
  if (cartId && cartIdSchema.safeParse(cartId).success) {
    const [existing] = await db.select({ id: carts.id }).from(carts).where(eq(carts.id, cartId)).limit(1);
    if (existing) return existing.id;
  }
  const [created] = await db.insert(carts).values({}).returning({ id: carts.id });
  return created!.id;
}

type Refusal = { ok: false; message: string };

/** The product named by a (tampered?) argument, if it is on sale; else why not. */
async function sellableProduct(db: Executor, productIdInput: unknown) {
  const productId = productIdSchema.safeParse(productIdInput);
  if (!productId.success) return { ok: false, message: "알 수 없는 상품입니다" } satisfies Refusal;
  const product = await loadSellable(db, productId.data);
  if (!product || !product.active) return { ok: false, message: "판매하지 않는 상품입니다" } satisfies Refusal;
  return { ok: true as const, product };
}

function stockRefusal(product: { name: string; stock: number }, wanted: number): Refusal | null {
  if (product.stock <= 0) return { ok: false, message: `${product.name}: 품절되었습니다` };
  if (wanted > product.stock) return { ok: false, message: `${product.name}: 최대 ${product.stock}개까지 주문할 수 있습니다` };
  return null;
}

/**
 * Adds units of a product, creating the cart on first use. The line is written by one conditional
 * statement, so parallel adds can never take it past the stock or the per-line cap.
 */
export async function addToCart(db: Executor, cartId: string | undefined, productIdInput: unknown, quantityInput: unknown = 1): Promise<CartChange> {
  const quantity = quantitySchema.safeParse(quantityInput);
  const sellable = await sellableProduct(db, productIdInput);
  if (!sellable.ok) return sellable;
  if (!quantity.success) return { ok: false, message: quantity.error.issues[0]!.message };
  const { product } = sellable;
  const soldOut = stockRefusal(product, quantity.data);
  if (soldOut) return soldOut;
  const id = await ensureCart(db, cartId);
  const limit = sql`least(${MAX_LINE_QUANTITY}, (select ${products.stock} from ${products} where ${products.id} = ${product.id} and ${products.active}))`;
  const added = await db.execute(sql`
    insert into ${cartItems} (cart_id, product_id, quantity)
    select ${id}, ${product.id}, ${quantity.data} where ${quantity.data} <= ${limit}
    on conflict (cart_id, product_id) do update
      set quantity = ${cartItems.quantity} + excluded.quantity, updated_at = now()
      where ${cartItems.quantity} + excluded.quantity <= ${limit}
    returning id`);
  if (rowsOf(added).length === 0) {
    const current = await loadSellable(db, product.id);
    const [line] = await db
      .select({ quantity: cartItems.quantity })
      .from(cartItems)
      .where(and(eq(cartItems.cartId, id), eq(cartItems.productId, product.id)));
    const inCart = line?.quantity ?? 0;
    if (!current || !current.active) return { ok: false, message: "판매하지 않는 상품입니다" };
    if (inCart + quantity.data > MAX_LINE_QUANTITY && current.stock >= MAX_LINE_QUANTITY) return { ok: false, message: `한 번에 ${MAX_LINE_QUANTITY}개까지 담을 수 있습니다` };
    return stockRefusal(current, Math.max(inCart + quantity.data, current.stock + 1)) ?? { ok: false, message: `${current.name}: 최대 ${current.stock}개까지 주문할 수 있습니다` };
  }
  await db.update(carts).set({ updatedAt: new Date() }).where(eq(carts.id, id));
  return { ok: true, cartId: id };
}

/**
 * 바로 구매: a cart of its own that holds exactly this product and quantity, so checking it out
 * buys nothing else and leaves the shopper's cart as it was. placeOrder treats it like any cart.
 */
export async function setBuyNowCart(db: Executor, buyNowCartId: string | undefined, productIdInput: unknown, quantityInput: unknown): Promise<CartChange> {
  const quantity = quantitySchema.safeParse(quantityInput);
  const sellable = await sellableProduct(db, productIdInput);
  if (!sellable.ok) return sellable;
  if (!quantity.success) return { ok: false, message: quantity.error.issues[0]!.message };
  const soldOut = stockRefusal(sellable.product, quantity.data);
  if (soldOut) return soldOut;
  const id = await ensureCart(db, buyNowCartId);
  await db.delete(cartItems).where(eq(cartItems.cartId, id));
  return addToCart(db, id, sellable.product.id, quantity.data);
}

/** Sets a line's quantity (1 up to the stock available). */
export async function setCartQuantity(db: Executor, cartId: string | undefined, productIdInput: unknown, quantityInput: unknown): Promise<CartChange> {
  if (!cartId || !cartIdSchema.safeParse(cartId).success) return { ok: false, message: "장바구니를 찾을 수 없습니다" };
  const quantity = quantitySchema.safeParse(quantityInput);
  const sellable = await sellableProduct(db, productIdInput);
  if (!sellable.ok) return sellable;
  if (!quantity.success) return { ok: false, message: quantity.error.issues[0]!.message };
  const { product } = sellable;
  const refusal = stockRefusal(product, quantity.data);
  if (refusal) return refusal;
  const updated = await db
    .update(cartItems)
    .set({ quantity: quantity.data, updatedAt: new Date() })
    .where(and(eq(cartItems.cartId, cartId), eq(cartItems.productId, product.id)))
    .returning({ id: cartItems.id });
  if (updated.length === 0) return { ok: false, message: "장바구니에 없는 상품입니다" };
  return { ok: true, cartId };
}

export async function removeFromCart(db: Executor, cartId: string | undefined, productIdInput: unknown): Promise<CartChange> {
  if (!cartId || !cartIdSchema.safeParse(cartId).success) return { ok: false, message: "장바구니를 찾을 수 없습니다" };
  const productId = productIdSchema.safeParse(productIdInput);
  if (!productId.success) return { ok: false, message: "알 수 없는 상품입니다" };
  await db.delete(cartItems).where(and(eq(cartItems.cartId, cartId), eq(cartItems.productId, productId.data)));
  return { ok: true, cartId };
}

/**
 * Takes out of the cart what an order bought, once it is paid: lines added or raised after the
 * order was placed stay, less the units the order took.
 */
export async function removeBoughtFromCart(db: Executor, cartId: string, orderDbId: number): Promise<void> {
  const bought = sql`(select ${orderItems.productId} as product_id, sum(${orderItems.quantity})::int as quantity from ${orderItems} where ${orderItems.orderId} = ${orderDbId} group by ${orderItems.productId})`;
  await db.execute(sql`
    with bought as ${bought},
    reduced as (
      update ${cartItems} set quantity = ${cartItems.quantity} - bought.quantity, updated_at = now()
      from bought where ${cartItems.cartId} = ${cartId} and ${cartItems.productId} = bought.product_id and ${cartItems.quantity} > bought.quantity
    )
    delete from ${cartItems} using bought
    where ${cartItems.cartId} = ${cartId} and ${cartItems.productId} = bought.product_id and ${cartItems.quantity} <= bought.quantity`);
}
