import writeXlsxFile from "write-excel-file/node";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { orderItems, orders, shipmentItems } from "@/db/schema";
import { formatPhone } from "@/lib/format";

/**
 * 발송 목록: one row per line still to send, in the column order the big couriers' bulk-label
 * systems take (받는 분, 연락처, 우편번호, 주소, 상세 주소, 배송 메모, 상품, 수량) after the short order
 * number. Every cell is text, so Excel keeps 010… and a postcode's leading 0.
 */
export const SHIPPING_LIST_COLUMNS = ["주문번호", "받는 분", "연락처", "우편번호", "주소", "상세 주소", "배송 메모", "상품", "수량"] as const;

export type ShippingListRow = Record<(typeof SHIPPING_LIST_COLUMNS)[number], string>;

/** Lines of paid orders waiting to ship (신규 주문 and 발주 확인), oldest order first; units already in a parcel or refunded are left out. */
export async function shippingListRows(db: Executor, options: { orderIds?: string[]; limit?: number } = {}): Promise<ShippingListRow[]> {
  const toSend = sql<number>`(${orderItems.quantity} - ${orderItems.refundedQuantity} - coalesce((select sum(${shipmentItems.quantity}) from ${shipmentItems} where ${shipmentItems.orderItemId} = ${orderItems.id}), 0))::int`;
  const rows = await db
    .select({
      orderNumber: orders.orderNumber,
      orderId: orders.orderId,
      name: orders.customerName,
      phone: orders.customerPhone,
      postcode: orders.postcode,
      address: orders.address,
      addressDetail: orders.addressDetail,
      memo: orders.deliveryMemo,
      product: orderItems.productName,
      units: toSend,
    })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .where(and(inArray(orders.fulfillmentStatus, ["NEW", "PREPARING"]), options.orderIds ? inArray(orders.orderId, options.orderIds) : undefined))
    .orderBy(asc(orders.paidAt), asc(orders.id), asc(orderItems.id))
    .limit(options.limit ?? 20_000);
  return rows
    .filter((r) => r.units > 0)
    .map((r) => ({
      주문번호: r.orderNumber ?? r.orderId,
      "받는 분": r.name,
      연락처: formatPhone(r.phone),
      우편번호: r.postcode,
      주소: r.address,
      "상세 주소": r.addressDetail,
      "배송 메모": r.memo,
      상품: r.product,
      수량: String(r.units),
    }));
}

export async function shippingListXlsx(rows: ShippingListRow[]): Promise<Buffer> {
  const header = SHIPPING_LIST_COLUMNS.map((title) => ({ value: title, fontWeight: "bold" as const }));
  const body = rows.map((row) => SHIPPING_LIST_COLUMNS.map((column) => ({ type: String, value: row[column] })));
  return writeXlsxFile([header, ...body]).toBuffer();
}
