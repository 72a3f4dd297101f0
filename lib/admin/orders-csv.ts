import { stringify } from "csv-stringify";
import type { Executor } from "@/db/client";
import { koreaStamp } from "@/lib/korea-time";
import { ORDER_STATUS_TEXT } from "@/lib/orders/view";
import { iterateOrders, type ExportRow, type OrderFilters } from "./orders";

const COLUMNS: [string, (row: ExportRow) => string | number][] = [
  ["주문번호", (r) => r.orderId],
  ["주문 일시 (KST)", (r) => koreaStamp(r.createdAt)],
  ["결제 일시 (KST)", (r) => (r.paidAt ? koreaStamp(r.paidAt) : "")],
  ["상태", (r) => ORDER_STATUS_TEXT[r.status].label],
  ["결제 수단", (r) => r.method ?? ""],
  ["금액", (r) => r.amount],
  ["상품", (r) => r.orderName],
  ["고객 이름", (r) => r.customerName],
  ["이메일", (r) => r.customerEmail],
  ["휴대폰", (r) => r.customerPhone],
  ["우편번호", (r) => r.postcode],
  ["주소", (r) => r.address],
  ["상세 주소", (r) => r.addressDetail],
  ["배송 메모", (r) => r.deliveryMemo],
];

/**
 * The orders as CSV bytes: a UTF-8 BOM so Excel reads Hangul, and formula escaping so a customer
 * named `=HYPERLINK(…)` stays text. Batches are read only as fast as the client takes the bytes.
 */
export function ordersCsvStream(db: Executor, filters: OrderFilters): ReadableStream<Uint8Array> {
  const batches = iterateOrders(db, filters);
  const encoder = new TextEncoder();
  let header = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const rows: (string | number)[][] = header ? [COLUMNS.map(([name]) => name)] : [];
      const next = await batches.next();
      if (!next.done) rows.push(...next.value.map((row) => COLUMNS.map(([, value]) => value(row))));
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
