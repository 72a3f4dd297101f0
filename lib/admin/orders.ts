import { and, asc, count, desc, eq, gte, inArray, isNotNull, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { orders, orderStatuses, payments, type FulfillmentStatus, type OrderStatus } from "@/db/schema";
import { text } from "@/lib/input";
import { koreaDayStart } from "@/lib/korea-time";
import { normalizeOrderNumber } from "@/lib/orders/order-number";
import { paymentOfOrder } from "@/lib/orders/payments";

/** Toss's payment methods in its own words, as stored in payments.method. */
export const PAYMENT_METHODS = ["카드", "가상계좌", "간편결제", "계좌이체", "휴대폰"] as const;

export const ORDER_SORTS = {
  newest: { label: "최신순" },
  oldest: { label: "오래된순" },
  amount_desc: { label: "금액 높은순" },
  amount_asc: { label: "금액 낮은순" },
} as const;
export type OrderSort = keyof typeof ORDER_SORTS;

/**
 * The owner's work queues, in Naver Smart Store's words: each tab lists the paid orders whose goods
 * are at that step (orders.fulfillment_status; lib/fulfillment/state.ts).
 */
export const ORDER_QUEUES = {
  new: { label: "신규 주문", status: "NEW" },
  "to-ship": { label: "발송 대기", status: "PREPARING" },
  shipping: { label: "배송 중", status: "SHIPPED" },
  delivered: { label: "배송 완료", status: "DELIVERED" },
} as const satisfies Record<string, { label: string; status: FulfillmentStatus }>;
export type OrderQueue = keyof typeof ORDER_QUEUES;

/** How many orders wait in each queue: one grouped count over orders_fulfillment_idx. */
export async function queueCounts(db: Executor): Promise<Record<OrderQueue, number>> {
  const queues = Object.entries(ORDER_QUEUES) as [OrderQueue, (typeof ORDER_QUEUES)[OrderQueue]][];
  const rows = await db
    .select({ status: orders.fulfillmentStatus, n: count() })
    .from(orders)
    .where(inArray(orders.fulfillmentStatus, queues.map(([, q]) => q.status)))
    .groupBy(orders.fulfillmentStatus);
  return Object.fromEntries(queues.map(([name, q]) => [name, rows.find((r) => r.status === q.status)?.n ?? 0])) as Record<OrderQueue, number>;
}

/** Rows per page the owner may choose in the list (PAGE_SIZE when none is chosen). */
export const PAGE_SIZES = [20, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const PAGE_SIZE: PageSize = 50;

const day = text(10).regex(/^\d{4}-\d{2}-\d{2}$/).refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00+09:00`)));
const cursor = text(200).regex(/^[A-Za-z0-9_-]+$/);

/** Each filter alone: a malformed one is dropped, not the whole view. */
const fields = {
  status: z.enum(orderStatuses),
  method: text(20).trim().min(1),
  from: day,
  to: day,
  q: text(100).trim().min(1),
  sort: z.enum(Object.keys(ORDER_SORTS) as [OrderSort, ...OrderSort[]]),
  after: cursor,
  before: cursor,
  size: z.enum(PAGE_SIZES.map(String) as [string, ...string[]]).transform((v) => Number(v) as PageSize),
  page: z.literal("last"),
  queue: z.enum(Object.keys(ORDER_QUEUES) as [OrderQueue, ...OrderQueue[]]),
  attempts: z.literal("1"),
};

export type OrderFilters = {
  status?: OrderStatus;
  method?: string;
  /** Whole days in Korea time, YYYY-MM-DD, both included. */
  from?: string;
  to?: string;
  q?: string;
  sort: OrderSort;
  after?: string;
  before?: string;
  /** Rows per page, one of PAGE_SIZES (PAGE_SIZE when absent). */
  size?: PageSize;
  /** The last page, read backwards from the end (no cursor needed). */
  page?: "last";
  /** One work queue (신규 주문, 발송 대기, …). */
  queue?: OrderQueue;
  /** "1": payment attempts never paid (결제 실패, 기한 만료, 결제 대기) are listed too. */
  attempts?: "1";
};

/** Reads the list's URL search parameters; anything malformed is left out. */
export function parseOrderFilters(params: Record<string, string | string[] | undefined>): OrderFilters {
  const filters: OrderFilters = { sort: "newest" };
  for (const [name, schema] of Object.entries(fields)) {
    const raw = params[name];
    const parsed = (schema as z.ZodType).safeParse(Array.isArray(raw) ? raw[0] : raw);
    if (parsed.success && parsed.data !== undefined) (filters as Record<string, unknown>)[name] = parsed.data;
  }
  return filters;
}

/** The same filters as search parameters (no cursor), for links and the CSV export. */
export function filtersToSearchParams(filters: OrderFilters, extra: Record<string, string> = {}): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of ["status", "method", "from", "to", "q", "queue", "attempts"] as const) if (filters[name]) params.set(name, filters[name]!);
  if (filters.sort !== "newest") params.set("sort", filters.sort);
  if (filters.size && filters.size !== PAGE_SIZE) params.set("size", String(filters.size));
  for (const [name, value] of Object.entries(extra)) params.set(name, value);
  return params;
}

/** A phone number in any common format (010-1234-5678, +82 10 1234 5678, 01012345678) as stored digits. */
export function phoneDigits(query: string): string | null {
  if (!/^[\d\s()+.-]+$/.test(query)) return null;
  let digits = query.replace(/\D/g, "");
  if (digits.startsWith("82")) digits = `0${digits.slice(2).replace(/^0/, "")}`;
  return digits.length >= 9 && digits.length <= 11 ? digits : null;
}

/** `text` as the start of a LIKE pattern, its own %, _ and backslash matching only themselves. */
function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Each kind of query served by an index: the order number in any spelling (261207-fjhn46,
 * 261207FJHN46), the orderId, a phone in any format, an email in any case, or the start of the
 * customer's name ("김토" finds 김토스; orders_customer_name_prefix_idx, text_pattern_ops, serves
 * the LIKE whatever the database's collation).
 */
function searchCondition(query: string): SQL {
  if (query.includes("@")) return sql`lower(${orders.customerEmail}) = ${query.toLowerCase()}`;
  const orderNumber = normalizeOrderNumber(query);
  if (orderNumber) return or(eq(orders.orderNumber, orderNumber), eq(orders.orderId, query))!;
  const phone = phoneDigits(query);
  if (phone) return or(eq(orders.customerPhone, phone), eq(orders.orderId, query))!;
  return or(eq(orders.orderId, query), sql`${orders.customerName} like ${likePrefix(query)}`)!;
}

function whereOf(filters: OrderFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.status) conditions.push(eq(orders.status, filters.status));
  if (filters.method) conditions.push(eq(payments.method, filters.method));
  if (filters.from) conditions.push(gte(orders.createdAt, koreaDayStart(filters.from)));
  if (filters.to) conditions.push(lt(orders.createdAt, koreaDayStart(filters.to, 1)));
  if (filters.q) conditions.push(searchCondition(filters.q));
  if (filters.queue) conditions.push(eq(orders.fulfillmentStatus, ORDER_QUEUES[filters.queue].status));
  // The list is of orders: a purchase tried with six declined cards is one row, not seven. A
  // search, a chosen status or 결제 시도 포함 shows the attempts too.
  if (!filters.attempts && !filters.status && !filters.q) conditions.push(or(isNotNull(orders.paidAt), inArray(orders.status, ["CONFIRMING", "WAITING_FOR_DEPOSIT"]))!);
  return conditions;
}

type Key = [string, number];

function withoutSortKey<T extends { sortKey: string }>(row: T): Omit<T, "sortKey"> {
  const copy: Partial<T> = { ...row };
  delete copy.sortKey;
  return copy as Omit<T, "sortKey">;
}

/** The cursor of the page that continues after (sort value as PostgreSQL text, id); bench/ builds deep pages with it. */
export function encodeCursor(key: Key): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

function decodeCursor(value: string | undefined): Key | null {
  if (!value) return null;
  try {
    const parsed = z.tuple([text(40), z.number().int()]).safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Keyset pagination: each page continues from the (sort value, id) of the last row shown, so page
 * 2,000 costs what page 1 does (an index range scan) instead of reading and skipping 100,000 rows.
 * Timestamps travel as PostgreSQL's own text, which keeps their microseconds.
 */
function sortOf(sort: OrderSort) {
  const byAmount = sort === "amount_desc" || sort === "amount_asc";
  const descending = sort === "newest" || sort === "amount_desc";
  const column = byAmount ? orders.amount : orders.createdAt;
  const keyText = byAmount ? sql<string>`${orders.amount}::text` : sql<string>`${orders.createdAt}::text`;
  const keyValue = (v: string) => (byAmount ? sql`${Number(v)}::int` : sql`${v}::timestamptz`);
  return { column, keyText, keyValue, descending };
}

function keysetCondition(sort: OrderSort, key: Key, forward: boolean): SQL {
  const { column, keyValue, descending } = sortOf(sort);
  const below = descending === forward;
  return below ? sql`(${column}, ${orders.id}) < (${keyValue(key[0])}, ${key[1]})` : sql`(${column}, ${orders.id}) > (${keyValue(key[0])}, ${key[1]})`;
}

const listColumns = {
  id: orders.id,
  orderId: orders.orderId,
  orderNumber: orders.orderNumber,
  orderName: orders.orderName,
  status: orders.status,
  amount: orders.amount,
  customerName: orders.customerName,
  customerEmail: orders.customerEmail,
  customerPhone: orders.customerPhone,
  createdAt: orders.createdAt,
  method: payments.method,
};

async function fetchPage(db: Executor, filters: OrderFilters, limit: number, key: Key | null, forward: boolean) {
  const { column, keyText, descending } = sortOf(filters.sort);
  const ascending = descending !== forward;
  const conditions = whereOf(filters);
  if (key) conditions.push(keysetCondition(filters.sort, key, forward));
  return db
    .select({ ...listColumns, sortKey: keyText })
    .from(orders)
    .leftJoin(payments, paymentOfOrder)
    .where(and(...conditions))
    .orderBy(...(ascending ? [asc(column), asc(orders.id)] : [desc(column), desc(orders.id)]))
    .limit(limit);
}

export type OrderListRow = Omit<Awaited<ReturnType<typeof fetchPage>>[number], "sortKey">;

export type OrderPage = {
  rows: OrderListRow[];
  /** Cursors for the next and previous pages, null at either end. */
  next: string | null;
  previous: string | null;
  /** Matching orders, counted up to COUNT_CAP (+1 means "more than COUNT_CAP"). */
  total: number;
};

/** Counting every row of a large table costs a full scan; past this the list says "10,000건 이상". */
export const COUNT_CAP = 10_000;

/**
 * One page of the admin's order list for the filters, and how many orders match in all. The last
 * page is the first one read from the other end, so it too is a keyset read, never an offset.
 */
export async function listOrders(db: Executor, filters: OrderFilters, pageSize: number = filters.size ?? PAGE_SIZE): Promise<OrderPage> {
  const last = filters.page === "last";
  const before = last ? null : decodeCursor(filters.before);
  const after = before || last ? null : decodeCursor(filters.after);
  const forward = !before && !last;
  const [fetched, [counted]] = await Promise.all([
    fetchPage(db, filters, pageSize + 1, before ?? after, forward),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(db.select({ one: sql`1` }).from(orders).leftJoin(payments, paymentOfOrder).where(and(...whereOf(filters))).limit(COUNT_CAP + 1).as("matching")),
  ]);
  const more = fetched.length > pageSize;
  const page = fetched.slice(0, pageSize);
  if (!forward) page.reverse();
  const keyOf = (row: (typeof page)[number]): Key => [row.sortKey, row.id];
  const firstRow = page[0];
  const lastRow = page.at(-1);
  const hasNext = forward ? more : !last;
  const hasPrevious = forward ? Boolean(after) : more;
  return {
    rows: page.map(withoutSortKey),
    next: hasNext && lastRow ? encodeCursor(keyOf(lastRow)) : null,
    previous: hasPrevious && firstRow ? encodeCursor(keyOf(firstRow)) : null,
    total: counted?.total ?? 0,
  };
}

/** Every matching order, in the list's order, read in keyset batches so memory stays flat. */
export async function* iterateOrders(db: Executor, filters: OrderFilters, batchSize = 1000): AsyncGenerator<ExportRow[]> {
  let key: Key | null = null;
  for (;;) {
    const batch = await fetchExportBatch(db, filters, batchSize, key);
    if (batch.length === 0) return;
    yield batch.map(withoutSortKey);
    if (batch.length < batchSize) return;
    const last = batch.at(-1)!;
    key = [last.sortKey, last.id];
  }
}

async function fetchExportBatch(db: Executor, filters: OrderFilters, limit: number, key: Key | null) {
  const { column, keyText, descending } = sortOf(filters.sort);
  const conditions = whereOf(filters);
  if (key) conditions.push(keysetCondition(filters.sort, key, true));
  return db
    .select({
      ...listColumns,
      postcode: orders.postcode,
      address: orders.address,
      addressDetail: orders.addressDetail,
      deliveryMemo: orders.deliveryMemo,
      paidAt: orders.paidAt,
      paymentTotal: payments.totalAmount,
      paymentBalance: payments.balanceAmount,
      sortKey: keyText,
    })
    .from(orders)
    .leftJoin(payments, paymentOfOrder)
    .where(and(...conditions))
    .orderBy(...(descending ? [desc(column), desc(orders.id)] : [asc(column), asc(orders.id)]))
    .limit(limit);
}

export type ExportRow = Omit<Awaited<ReturnType<typeof fetchExportBatch>>[number], "sortKey">;
