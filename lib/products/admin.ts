import { and, asc, eq, gte, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Executor } from "@/db/client";
import { orderItems, orders, productEvents, productSlugRedirects, products, type Product } from "@/db/schema";
import { cacheTags } from "@/lib/cache-tags";
import { expireCatalogTagsAfterCommit, stockState, type StockState } from "@/lib/catalog";
import { fieldErrorsOf, text } from "@/lib/input";
import { adminActorName, type AdminActor } from "@/lib/auth/actor";
import { SOLD } from "@/lib/orders/status-groups";
import * as stock from "./stock";
import { SLUG_MAX_LENGTH, toSlug } from "./slug";

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_PRICE = 10_000_000;
export const MAX_STOCK = 1_000_000;

const whole = (message: string) => z.coerce.number({ error: message }).int(message);
/** An optional limit from a form field: empty means none. */
const purchaseLimit = (label: string) =>
  z.preprocess(
    (v) => (v === "" || v === undefined || v === null ? null : v),
    whole(`${label}은 숫자로 입력해 주세요`).min(1, `${label}은 1개 이상이어야 해요`).max(MAX_STOCK, `${label}이 너무 커요`).nullable(),
  ).default(null);

/** What the create and edit forms send; every field has its own Korean message. */
export const productInputSchema = z.object({
  name: text(100, "상품명은 100자 이내로 입력해 주세요").trim().min(1, "상품명을 입력해 주세요"),
  // Korean and spaces are accepted and converted (toSlug): the address is the name's romanization.
  slug: z.preprocess(
    (v) => (typeof v === "string" ? toSlug(v) : v),
    text(SLUG_MAX_LENGTH, "주소는 80자 이내로 입력해 주세요")
      .min(2, "주소는 영문이나 숫자, 한글로 2자 이상 입력해 주세요")
      .regex(SLUG_PATTERN, "주소는 영문 소문자, 숫자, 하이픈(-)만 쓸 수 있어요"),
  ),
  description: text(2000, "설명은 2,000자 이내로 입력해 주세요").trim().default(""),
  price: whole("가격은 원 단위 숫자로 입력해 주세요").min(0, "가격은 0원 이상이어야 해요").max(MAX_PRICE, "가격은 1,000만 원 이하여야 해요"),
  stock: whole("재고는 숫자로 입력해 주세요").min(0, "재고는 0개 이상이어야 해요").max(MAX_STOCK, "재고는 100만 개 이하여야 해요"),
  active: z.boolean().default(true),
  /** 최대 구매 수량 (lib/orders/purchase-limits.ts); empty = no limit. */
  maxPerOrder: purchaseLimit("주문당 최대 구매 수량"),
  maxPerShopper: purchaseLimit("1인 최대 구매 수량"),
  /** A path from saveProductImage (/uploads/…) or one of the shipped images (/products/…). */
  image: text(200, "이미지를 다시 올려 주세요").regex(/^\/(uploads|products)\/[A-Za-z0-9._-]+$/, "이미지를 다시 올려 주세요"),
});
export type ProductInput = z.input<typeof productInputSchema>;

/** Edits leave stock alone: it changes only through adjustStock, with a reason. */
export const productEditSchema = productInputSchema.omit({ stock: true });
export type ProductEdit = z.input<typeof productEditSchema>;

export type ProductResult =
  | { ok: true; product: Product }
  | { ok: false; message: string; fieldErrors?: Record<string, string> };

/** The tags a product change touches: the catalog, and the product page under every slug it had or has. */
export function productChangeTags(...slugs: string[]): string[] {
  return [cacheTags.catalog, ...new Set(slugs.map((s) => cacheTags.product(s)))];
}

async function slugTaken(db: Executor, slug: string, exceptProductId?: number): Promise<boolean> {
  const [own] = await db.select({ id: products.id }).from(products).where(eq(products.slug, slug)).limit(1);
  if (own && own.id !== exceptProductId) return true;
  const [old] = await db.select({ productId: productSlugRedirects.productId }).from(productSlugRedirects).where(eq(productSlugRedirects.slug, slug)).limit(1);
  return !!old && old.productId !== exceptProductId;
}

const SLUG_TAKEN = { ok: false, message: "입력한 내용을 확인해 주세요", fieldErrors: { slug: "이미 쓰이고 있는 주소예요" } } as const;

/** An empty address is made from the product's name, as the form suggests it. */
function withSlugFromName(input: unknown): unknown {
  if (typeof input !== "object" || input === null) return input;
  const { slug, name } = input as { slug?: unknown; name?: unknown };
  const blank = slug === undefined || slug === null || (typeof slug === "string" && slug.trim() === "");
  return blank && typeof name === "string" ? { ...input, slug: name } : input;
}

export async function createProduct(db: Database, actor: AdminActor, input: unknown): Promise<ProductResult> {
  const parsed = productInputSchema.safeParse(withSlugFromName(input));
  if (!parsed.success) return { ok: false, message: "입력한 내용을 확인해 주세요", fieldErrors: fieldErrorsOf(parsed.error) };
  const data = parsed.data;
  if (await slugTaken(db, data.slug)) return SLUG_TAKEN;
  return db.transaction(async (tx): Promise<ProductResult> => {
    const limited = data.maxPerOrder !== null || data.maxPerShopper !== null;
    const [product] = await tx
      .insert(products)
      .values({ ...data, limitsSince: limited ? new Date() : null })
      .onConflictDoNothing({ target: products.slug })
      .returning();
    if (!product) return SLUG_TAKEN;
    await tx.insert(productEvents).values({ productId: product.id, type: "CREATED", delta: product.stock, stockAfter: product.stock, reason: "상품 등록", actor: adminActorName(actor) });
    expireCatalogTagsAfterCommit(tx, productChangeTags(product.slug));
    return { ok: true, product };
  });
}

/**
 * Edits a product. A new slug keeps the old one as a redirect, so links already shared keep
 * working; a product may take back one of its own old slugs.
 */
export async function updateProduct(db: Database, actor: AdminActor, productId: number, input: unknown): Promise<ProductResult> {
  const parsed = productEditSchema.safeParse(withSlugFromName(input));
  if (!parsed.success) return { ok: false, message: "입력한 내용을 확인해 주세요", fieldErrors: fieldErrorsOf(parsed.error) };
  const data = parsed.data;
  if (await slugTaken(db, data.slug, productId)) return SLUG_TAKEN;
  return db.transaction(async (tx): Promise<ProductResult> => {
    const [before] = await tx.select().from(products).where(eq(products.id, productId)).for("update");
    if (!before) return { ok: false, message: "상품을 찾을 수 없어요" };
    // New limits start a new sale: what a shopper bought before no longer counts against them.
    const limitsChanged = before.maxPerOrder !== data.maxPerOrder || before.maxPerShopper !== data.maxPerShopper;
    const [product] = await tx
      .update(products)
      .set({ ...data, ...(limitsChanged && { limitsSince: new Date() }) })
      .where(eq(products.id, productId))
      .returning();
    if (before.slug !== data.slug) {
      await tx.delete(productSlugRedirects).where(eq(productSlugRedirects.slug, data.slug));
      await tx
        .insert(productSlugRedirects)
        .values({ slug: before.slug, productId })
        .onConflictDoUpdate({ target: productSlugRedirects.slug, set: { productId } });
    }
    const changed = (Object.keys(data) as (keyof typeof data)[]).filter((k) => before[k] !== data[k]);
    if (changed.length > 0) {
      await tx.insert(productEvents).values({ productId, type: "UPDATED", reason: `수정: ${changed.join(", ")}`, actor: adminActorName(actor), stockAfter: product!.stock, data: { changed } });
    }
    expireCatalogTagsAfterCommit(tx, productChangeTags(before.slug, data.slug));
    return { ok: true, product: product! };
  });
}

/** Where an old slug now lives, for the product page: the current slug, or null. */
export async function findProductSlugRedirect(db: Executor, slug: string): Promise<string | null> {
  const [row] = await db
    .select({ slug: products.slug })
    .from(productSlugRedirects)
    .innerJoin(products, eq(products.id, productSlugRedirects.productId))
    .where(eq(productSlugRedirects.slug, slug))
    .limit(1);
  return row?.slug ?? null;
}

export const stockAdjustmentSchema = z.discriminatedUnion("mode", [
  z.object({
    mode: z.literal("relative"),
    delta: whole("변경 수량을 숫자로 입력해 주세요").min(-MAX_STOCK, "변경 수량이 너무 커요").max(MAX_STOCK, "변경 수량이 너무 커요").refine((v) => v !== 0, "0이 아닌 수량을 입력해 주세요"),
    reason: text(200, "사유는 200자 이내로 입력해 주세요").trim().min(1, "재고를 바꾸는 사유를 입력해 주세요"),
  }),
  z.object({
    mode: z.literal("absolute"),
    stock: whole("재고를 숫자로 입력해 주세요").min(0, "재고는 0개 이상이어야 해요").max(MAX_STOCK, "재고는 100만 개 이하여야 해요"),
    /** The stock the owner saw: a checkout reserving in between makes the set refuse, not overwrite. */
    expectedStock: whole("현재 재고 정보가 올바르지 않아요").min(0, "현재 재고 정보가 올바르지 않아요"),
    reason: text(200, "사유는 200자 이내로 입력해 주세요").trim().min(1, "재고를 바꾸는 사유를 입력해 주세요"),
  }),
]);
export type StockAdjustment = z.input<typeof stockAdjustmentSchema>;

/**
 * Changes stock by a delta or to a number through the stock module (never below zero, and an
 * absolute set only from the stock the owner saw). Writes a product event (who, when, why, delta).
 */
export async function adjustStock(db: Database, actor: AdminActor, productId: number, input: unknown): Promise<ProductResult> {
  const parsed = stockAdjustmentSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: "입력한 내용을 확인해 주세요", fieldErrors: fieldErrorsOf(parsed.error) };
  const change = parsed.data;
  return db.transaction(async (tx): Promise<ProductResult> => {
    const changed = await stock.adjust(tx, productId, change.mode === "relative" ? { delta: change.delta } : { set: change.stock, expected: change.expectedStock });
    if (!changed) {
      const [now] = await tx.select({ stock: products.stock }).from(products).where(eq(products.id, productId));
      if (!now) return { ok: false, message: "상품을 찾을 수 없어요" };
      return change.mode === "relative"
        ? { ok: false, message: `재고는 0개보다 적을 수 없어요 (현재 ${now.stock}개)`, fieldErrors: { delta: `현재 재고는 ${now.stock}개예요` } }
        : { ok: false, message: `그 사이 재고가 ${now.stock}개로 바뀌었어요. 다시 확인해 주세요`, fieldErrors: { stock: `현재 재고는 ${now.stock}개예요` } };
    }
    await tx.insert(productEvents).values({
      productId,
      type: change.mode === "relative" ? "STOCK_ADJUSTED" : "STOCK_SET",
      delta: changed.after - changed.before,
      stockAfter: changed.after,
      reason: change.reason,
      actor: adminActorName(actor),
    });
    const [product] = await tx.select().from(products).where(eq(products.id, productId));
    return { ok: true, product: product! };
  });
}

export type AdminProductRow = Product & { stockState: "SOLD_OUT" | "LOW" | "IN_STOCK"; unitsSold30d: number; revenue30d: number };
/** The owner's list names the stock state the shoppers see (lib/catalog.ts's one threshold). */
const ADMIN_STOCK_STATE = { sold_out: "SOLD_OUT", low_stock: "LOW", in_stock: "IN_STOCK" } as const satisfies Record<StockState, AdminProductRow["stockState"]>;


/** The admin's product list with stock state and the last 30 days' sales, in one query. */
export async function listProductsForAdmin(db: Executor, now = new Date()): Promise<AdminProductRow[]> {
  const since = new Date(now.getTime() - 30 * 24 * 60 * 60 * 1000);
  const sales = db
    .select({
      productId: orderItems.productId,
      units: sql<number>`sum(${orderItems.quantity} - ${orderItems.restockedQuantity})::int`.as("units"),
      revenue: sql<number>`sum(${orderItems.lineTotal})::int`.as("revenue"),
    })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .where(and(inArray(orders.status, [...SOLD]), gte(orders.paidAt, since)))
    .groupBy(orderItems.productId)
    .as("sales");
  const rows = await db
    .select({ product: products, units: sales.units, revenue: sales.revenue })
    .from(products)
    .leftJoin(sales, eq(sales.productId, products.id))
    .orderBy(asc(products.id));
  return rows.map(({ product, units, revenue }) => ({
    ...product,
    stockState: ADMIN_STOCK_STATE[stockState(product)],
    unitsSold30d: units ?? 0,
    revenue30d: revenue ?? 0,
  }));
}

/** A product's history, newest first. */
export async function listProductEvents(db: Executor, productId: number, limit = 100) {
  return db.select().from(productEvents).where(eq(productEvents.productId, productId)).orderBy(sql`${productEvents.id} desc`).limit(limit);
}
