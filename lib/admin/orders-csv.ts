import { stringify } from "csv-stringify";
import { asc, inArray } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { orderItems } from "@/db/schema";
import { formatPhone } from "@/lib/format";
import { koreaStamp } from "@/lib/korea-time";
import { ORDER_STATUS_TEXT } from "@/lib/orders/view";
import { iterateOrders, type ExportRow, type OrderFilters } from "./orders";

/**
 * A digits-only value (postcode 06236, a landline 0212345678) that Excel would read as a number
 * and print without its leading 0. An invisible WORD JOINER in front makes Excel keep it as text;
 * a `="06236"` formula would do the same but formulas are what escape_formulas exists to prevent.
 */
export const TEXT_MARK = "\u2060";
function keepAsText(value: string): string {
  return /^\d+$/.test(value) ? `${TEXT_MARK}${value}` : value;
}

/**
 * Paid, refunded and left of an order, as the dashboard counts revenue: what Toss took and what
 * the payment still holds after refunds; nothing for an order that was never paid.
 */
export function orderAmounts(row: Pick<ExportRow, "amount" | "paidAt" | "paymentTotal" | "paymentBalance">): { paid: number; refunded: number; net: number } {
  if (!row.paidAt) return { paid: 0, refunded: 0, net: 0 };
  const paid = row.paymentTotal ?? row.amount;
  const net = row.paymentBalance ?? paid;
  return { paid, refunded: paid - net, net };
}

type CsvRow = ExportRow & { items: string };

const COLUMNS: [string, (row: CsvRow) => string | number][] = [
  ["주문번호", (r) => r.orderNumber ?? r.orderId],
  ["주문 일시 (KST)", (r) => koreaStamp(r.createdAt)],
  ["결제 일시 (KST)", (r) => (r.paidAt ? koreaStamp(r.paidAt) : "")],
  ["상태", (r) => ORDER_STATUS_TEXT[r.status].label],
  ["결제 수단", (r) => r.method ?? ""],
  ["상품", (r) => r.items || r.orderName],
  ["주문 금액", (r) => r.amount],
  ["결제 금액", (r) => orderAmounts(r).paid],
  ["환불 금액", (r) => orderAmounts(r).refunded],
  ["실결제 금액", (r) => orderAmounts(r).net],
  ["고객 이름", (r) => r.customerName],
  ["이메일", (r) => r.customerEmail],
  ["휴대폰", (r) => keepAsText(formatPhone(r.customerPhone))],
  ["우편번호", (r) => keepAsText(r.postcode)],
  ["주소", (r) => r.address],
  ["상세 주소", (r) => r.addressDetail],
  ["배송 메모", (r) => r.deliveryMemo],
  ["내부 주문 ID", (r) => r.orderId],
];

/** Each order's lines as one cell, "유자차 × 3, 행주 × 1", read in one query per batch. */
async function withItems(db: Executor, batch: ExportRow[]): Promise<CsvRow[]> {
  const lines = batch.length
    ? await db
        .select({ orderId: orderItems.orderId, productName: orderItems.productName, quantity: orderItems.quantity })
        .from(orderItems)
        .where(inArray(orderItems.orderId, batch.map((row) => row.id)))
        .orderBy(asc(orderItems.id))
    : [];
  const byOrder = new Map<number, string[]>();
  for (const line of lines) byOrder.set(line.orderId, [...(byOrder.get(line.orderId) ?? []), `${line.productName} × ${line.quantity}`]);
  return batch.map((row) => ({ ...row, items: (byOrder.get(row.id) ?? []).join(", ") }));
}

/**
 * The orders as CSV bytes, one row per order: a UTF-8 BOM so Excel reads Hangul, and formula
 * escaping so a customer named `=HYPERLINK(…)` stays text. Batches are read only as fast as the
 * client takes the bytes.
 */
export function ordersCsvStream(db: Executor, filters: OrderFilters): ReadableStream<Uint8Array> {
  const batches = iterateOrders(db, filters);
  const encoder = new TextEncoder();
  let header = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const rows: (string | number)[][] = header ? [COLUMNS.map(([name]) => name)] : [];
      const next = await batches.next();
      if (!next.done) rows.push(...(await withItems(db, next.value)).map((row) => COLUMNS.map(([, value]) => value(row))));
      if (rows.length) controller.enqueue(encoder.encode(await toCsv(rows, header)));
      header = false;
      if (next.done) controller.close();
    },
    async cancel() {
      await batches.return(undefined);
    },
  }, { highWaterMark: 1 });
}

function toCsv(rows: (string | number)[][], bom: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    stringify(rows, { bom, escape_formulas: true, record_delimiter: "windows" }, (error, output) => (error ? reject(error) : resolve(output)));
  });
}
