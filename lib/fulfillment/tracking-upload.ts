import { parse } from "csv-parse/sync";
import { readSheet } from "read-excel-file/node";
import { and, eq, inArray, or } from "drizzle-orm";
import type { Database, Executor } from "@/db/client";
import { orders, shipments } from "@/db/schema";
import { normalizeOrderNumber } from "@/lib/orders/order-number";
import { checkTracking } from "./couriers";
import { shipOrderIn } from "./shipping";
import { fulfillmentLabels, SHIPPABLE_PAYMENT } from "./state";

/**
 * 송장 일괄 등록: a CSV or .xlsx of 주문번호, 택배사, 송장번호 (as couriers' systems export them). The
 * preview gives every row its result before anything is written; applying ships the whole file in
 * one transaction or nothing, and a second upload of the same file finds every row "already".
 */
export type UploadRow = { line: number; orderNumber: string; courier: string; trackingNumber: string };

export type RowOutcome = "ok" | "already" | "unknown_order" | "not_shippable" | "bad_number" | "in_use" | "duplicate";
export type RowResult = UploadRow & { outcome: RowOutcome; message: string; orderId?: string };

export const UPLOAD_MAX_ROWS = 5_000;
export const UPLOAD_MAX_BYTES = 2 * 1024 * 1024;

const HEADERS = {
  orderNumber: ["주문번호", "order number", "ordernumber"],
  courier: ["택배사", "courier"],
  trackingNumber: ["송장번호", "운송장번호", "tracking number", "trackingnumber"],
} as const;

export type ParsedUpload = { ok: true; rows: UploadRow[] } | { ok: false; message: string };

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  return String(value).trim();
}

/** Finds the three columns by their header row, in any order; extra columns are ignored. */
function rowsFromTable(table: unknown[][]): ParsedUpload {
  const header = (table[0] ?? []).map((v) => cell(v).toLowerCase().replace(/^\uFEFF/, ""));
  const column = (names: readonly string[]) => header.findIndex((h) => names.includes(h));
  const at = { orderNumber: column(HEADERS.orderNumber), courier: column(HEADERS.courier), trackingNumber: column(HEADERS.trackingNumber) };
  if (at.orderNumber < 0 || at.courier < 0 || at.trackingNumber < 0) {
    return { ok: false, message: "첫 줄에 주문번호, 택배사, 송장번호 제목이 있어야 해요." };
  }
  const rows: UploadRow[] = [];
  table.slice(1).forEach((raw, i) => {
    const values = raw.map(cell);
    if (values.every((v) => v === "")) return;
    rows.push({ line: i + 2, orderNumber: values[at.orderNumber] ?? "", courier: values[at.courier] ?? "", trackingNumber: values[at.trackingNumber] ?? "" });
  });
  if (rows.length === 0) return { ok: false, message: "등록할 줄이 없어요." };
  if (rows.length > UPLOAD_MAX_ROWS) return { ok: false, message: `한 번에 ${UPLOAD_MAX_ROWS.toLocaleString("ko-KR")}줄까지 올릴 수 있어요.` };
  return { ok: true, rows };
}

/** Reads an uploaded file by its content: .xlsx is a zip (PK), anything else is read as UTF-8 CSV. */
export async function parseTrackingFile(bytes: Uint8Array): Promise<ParsedUpload> {
  if (bytes.byteLength > UPLOAD_MAX_BYTES) return { ok: false, message: "파일이 너무 커요. 2MB까지 올릴 수 있어요." };
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    try {
      // Numbers stay as written: a tracking number is an identifier, not a quantity.
      const table = await readSheet(Buffer.from(bytes), { parseNumber: (s: string) => s });
      return rowsFromTable(table as unknown[][]);
    } catch {
      return { ok: false, message: "엑셀 파일을 읽지 못했어요. .xlsx로 저장해 다시 올려 주세요." };
    }
  }
  try {
    const table = parse(Buffer.from(bytes).toString("utf8"), { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
    return rowsFromTable(table);
  } catch {
    return { ok: false, message: "CSV 파일을 읽지 못했어요. UTF-8 CSV나 .xlsx로 올려 주세요." };
  }
}

/** Each row's result, from what the database holds now; two queries for the whole file. */
export async function previewTrackingUpload(db: Executor, rows: UploadRow[]): Promise<RowResult[]> {
  const checked = rows.map((row) => ({ row, number: normalizeOrderNumber(row.orderNumber), tracking: checkTracking(row.courier, row.trackingNumber) }));
  const numbers = [...new Set(checked.flatMap((c) => (c.number ? [c.number] : [])))];
  const found = numbers.length
    ? await db.select({ id: orders.id, orderId: orders.orderId, orderNumber: orders.orderNumber, status: orders.status, fulfillmentStatus: orders.fulfillmentStatus }).from(orders).where(inArray(orders.orderNumber, numbers))
    : [];
  const byNumber = new Map(found.map((o) => [o.orderNumber!, o]));
  const parcels = checked.flatMap((c) => (c.tracking.ok && c.tracking.trackingNumber ? [{ courier: c.tracking.courier.code, trackingNumber: c.tracking.trackingNumber }] : []));
  const existing = parcels.length
    ? await db
        .select({ orderId: shipments.orderId, courier: shipments.courier, trackingNumber: shipments.trackingNumber })
        .from(shipments)
        .where(or(...parcels.map((p) => and(eq(shipments.courier, p.courier), eq(shipments.trackingNumber, p.trackingNumber)))))
    : [];
  const parcelOwner = new Map(existing.map((s) => [`${s.courier}:${s.trackingNumber}`, s.orderId]));
  const seenParcels = new Set<string>();
  const seenOrders = new Set<string>();
  return checked.map(({ row, number, tracking }): RowResult => {
    if (!number) return { ...row, outcome: "unknown_order", message: "주문번호 형식이 아니에요." };
    const order = byNumber.get(number);
    if (!order) return { ...row, outcome: "unknown_order", message: "이 가게의 주문번호가 아니에요." };
    if (!tracking.ok) return { ...row, orderId: order.orderId, outcome: "bad_number", message: tracking.message };
    const key = `${tracking.courier.code}:${tracking.trackingNumber}`;
    if (tracking.trackingNumber && seenParcels.has(key)) return { ...row, orderId: order.orderId, outcome: "duplicate", message: "파일 안에 같은 송장번호가 또 있어요." };
    if (seenOrders.has(order.orderId)) return { ...row, orderId: order.orderId, outcome: "duplicate", message: "파일 안에 같은 주문이 또 있어요." };
    seenParcels.add(key);
    seenOrders.add(order.orderId);
    const owner = tracking.trackingNumber ? parcelOwner.get(key) : undefined;
    if (owner !== undefined) {
      return owner === order.id
        ? { ...row, orderId: order.orderId, outcome: "already", message: "이미 등록된 송장이에요." }
        : { ...row, orderId: order.orderId, outcome: "in_use", message: "다른 주문에 등록된 송장번호예요." };
    }
    if (!SHIPPABLE_PAYMENT.includes(order.status) || !order.fulfillmentStatus) return { ...row, orderId: order.orderId, outcome: "not_shippable", message: "결제가 끝나지 않았거나 환불된 주문이에요." };
    if (order.fulfillmentStatus !== "NEW" && order.fulfillmentStatus !== "PREPARING") {
      return { ...row, orderId: order.orderId, outcome: "not_shippable", message: `이미 ${fulfillmentLabels[order.fulfillmentStatus]} 상태예요.` };
    }
    return { ...row, orderId: order.orderId, outcome: "ok", message: "등록할 수 있어요." };
  });
}

export type ApplyResult = { ok: true; shipped: number; already: number } | { ok: false; message: string; results: RowResult[] };

class UploadRaced extends Error {
  constructor(readonly results: RowResult[]) {
    super("tracking upload raced");
  }
}

/**
 * Ships every "ok" row in one transaction, orders locked in orderId order so two uploads at once
 * cannot deadlock; if any row is not ok or already — now, under the locks — nothing is written.
 */
export async function applyTrackingUpload(db: Database, rows: UploadRow[], actor: string): Promise<ApplyResult> {
  try {
    return await db.transaction(async (tx) => {
      const results = await previewTrackingUpload(tx, rows);
      if (results.some((r) => r.outcome !== "ok" && r.outcome !== "already")) throw new UploadRaced(results);
      const toShip = results.filter((r) => r.outcome === "ok").sort((a, b) => (a.orderId! < b.orderId! ? -1 : 1));
      let shippedCount = 0;
      for (const row of toShip) {
        // Another upload of the same file may have shipped this row while we waited for its lock.
        const shipped = await shipOrderIn(tx, { orderId: row.orderId!, courier: row.courier, trackingNumber: row.trackingNumber }, actor);
        if (!shipped.ok) throw new UploadRaced(results.map((r) => (r === row ? { ...r, outcome: "not_shippable", message: shipped.message } : r)));
        if (shipped.outcome === "shipped") shippedCount += 1;
      }
      return { ok: true as const, shipped: shippedCount, already: results.length - shippedCount };
    });
  } catch (error) {
    if (error instanceof UploadRaced) return { ok: false, message: "확인이 필요한 줄이 있어 아무것도 등록하지 않았어요.", results: error.results };
    throw error;
  }
}
