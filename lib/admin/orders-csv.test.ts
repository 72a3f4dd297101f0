import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { orderItems, orders, payments } from "@/db/schema";
import { nextOrderNumber } from "@/lib/orders/order-number";
import { ordersCsvStream, TEXT_MARK } from "./orders-csv";

/** RFC 4180 as the export writes it: quoted fields with doubled quotes, CRLF between records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  const endField = () => {
    record.push(field);
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ",") {
      endField();
    } else if (!quoted && c === "\r" && text[i + 1] === "\n") {
      endField();
      records.push(record);
      record = [];
      i++;
    } else {
      field += c;
    }
  }
  return records;
}

async function exportCsv(q: string) {
  const bytes = Buffer.from(await new Response(ordersCsvStream(db, { sort: "newest", q })).arrayBuffer());
  return { bytes, csv: bytes.subarray(3).toString("utf8") };
}

describe("the orders CSV", () => {
  it("starts with a BOM, keeps Hangul, and turns a formula into text", async () => {
    for (const customerName of ["김토스", "=HYPERLINK(\"http://evil\",\"x\")"]) {
      await db.insert(orders).values({
        orderId: `csv_${randomBytes(6).toString("hex")}`,
        orderName: "유자차, \"선물\" 포장",
        amount: 12_000,
        customerName,
        customerEmail: "csv@example.com",
        customerPhone: "01011112222",
        postcode: "06236",
        address: "서울",
        customerKey: randomBytes(6).toString("hex"),
      });
    }
    const { bytes, csv } = await exportCsv("csv@example.com");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.trim().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^주문번호,주문 일시 \(KST\),/);
    expect(csv).toContain("김토스");
    expect(csv).toContain(`"유자차, ""선물"" 포장"`);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csv.match(/\uFEFF/g)).toBeNull();
  });

  it("writes one row per order with its short number, lines, paid, refunded and net amounts, and phone and postcode as text", async () => {
    const orderNumber = await nextOrderNumber(db);
    const email = `csv-${randomBytes(4).toString("hex")}@example.com`;
    const orderId = `csv_${randomBytes(6).toString("hex")}`;
    const [order] = await db
      .insert(orders)
      .values({
        orderId,
        paymentKey: `pk_${orderId}`,
        orderNumber,
        orderName: "유자차 외 1건",
        status: "PARTIAL_CANCELED",
        amount: 47_400,
        customerName: "김토스",
        customerEmail: email,
        customerPhone: "01012345678",
        postcode: "06236",
        address: "서울특별시 강남구 테헤란로 131",
        customerKey: randomBytes(6).toString("hex"),
        paidAt: new Date("2026-03-01T05:30:05Z"),
      })
      .returning();
    await db.insert(orderItems).values([
      { orderId: order!.id, productName: "유자차", unitPrice: 15_800, quantity: 3, lineTotal: 47_400, refundedQuantity: 1 },
      { orderId: order!.id, productName: "행주", unitPrice: 0, quantity: 1, lineTotal: 0 },
    ]);
    await db.insert(payments).values({ orderId: order!.id, paymentKey: `pk_${orderId}`, method: "카드", providerStatus: "PARTIAL_CANCELED", totalAmount: 47_400, balanceAmount: 31_600, raw: {} });
    // Never paid: no amounts, whatever the order's total.
    await db.insert(orders).values({ orderId: `csv_${randomBytes(6).toString("hex")}`, orderName: "행주", status: "EXPIRED", amount: 3_000, customerName: "김토스", customerEmail: email, customerPhone: "0212345678", postcode: "01234", address: "서울", customerKey: randomBytes(6).toString("hex"), createdAt: new Date("2020-01-01T00:00:00Z") });

    const [header, paid, unpaid, ...rest] = parseCsv((await exportCsv(email)).csv);
    expect(rest).toEqual([]);
    const cells = (row: string[]) => Object.fromEntries(header!.map((name, i) => [name, row[i]]));
    expect(cells(paid!)).toMatchObject({
      주문번호: orderNumber,
      "결제 일시 (KST)": "2026-03-01 14:30:05",
      상태: "부분 취소",
      "결제 수단": "카드",
      상품: "유자차 × 3, 행주 × 1",
      "주문 금액": "47400",
      "결제 금액": "47400",
      "환불 금액": "15800",
      "실결제 금액": "31600",
      휴대폰: "010-1234-5678",
      우편번호: `${TEXT_MARK}06236`,
      "내부 주문 ID": order!.orderId,
    });
    expect(cells(unpaid!)).toMatchObject({ "결제 금액": "0", "환불 금액": "0", "실결제 금액": "0", 휴대폰: `${TEXT_MARK}0212345678`, 우편번호: `${TEXT_MARK}01234` });
  });
});
