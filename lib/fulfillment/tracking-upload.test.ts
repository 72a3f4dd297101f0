import { eq } from "drizzle-orm";
import writeXlsxFile from "write-excel-file/node";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { shipments } from "@/db/schema";
import { findOrderByOrderId } from "@/lib/orders/state";
import { createPaidOrder, createPendingOrder } from "@/lib/testing/factories";
import { applyTrackingUpload, parseTrackingFile, previewTrackingUpload } from "./tracking-upload";

const onPostgres = Boolean(process.env.DATABASE_URL);
const OWNER = "admin:owner@example.com";
let serial = 0;
const cjNumber = () => `5${String(Date.now()).slice(-9)}${String((serial += 1) % 100).padStart(2, "0")}`;
const csv = (lines: string[][]) => new TextEncoder().encode("\uFEFF" + lines.map((l) => l.join(",")).join("\r\n"));
const numberOf = async (orderId: string) => (await findOrderByOrderId(db, orderId))!.orderNumber!;

describe("송장 일괄 등록", () => {
  it("reads CSV and .xlsx by their header row, whatever the column order, and keeps numbers as written", async () => {
    const fromCsv = await parseTrackingFile(csv([["송장번호", "주문번호", "택배사", "메모"], ["012345678901", "261207-abcdef", "CJ대한통운", "x"]]));
    expect(fromCsv).toEqual({ ok: true, rows: [{ line: 2, orderNumber: "261207-abcdef", courier: "CJ대한통운", trackingNumber: "012345678901" }] });
    const xlsx = await writeXlsxFile([
      [{ value: "주문번호" }, { value: "택배사" }, { value: "송장번호" }],
      [{ value: "261207ABCDEF" }, { value: "롯데택배" }, { value: 123456789012 }],
    ]).toBuffer();
    expect(await parseTrackingFile(new Uint8Array(xlsx))).toEqual({ ok: true, rows: [{ line: 2, orderNumber: "261207ABCDEF", courier: "롯데택배", trackingNumber: "123456789012" }] });
    expect(await parseTrackingFile(csv([["a", "b"], ["1", "2"]]))).toEqual({ ok: false, message: "첫 줄에 주문번호, 택배사, 송장번호 제목이 있어야 해요." });
  });

  it("previews every row's result, applies all or nothing, and a second upload of the same file changes nothing", async () => {
    const a = await createPaidOrder();
    const b = await createPaidOrder();
    const unpaid = await createPendingOrder();
    const [na, nb, nu] = [await numberOf(a.order.orderId), await numberOf(b.order.orderId), (await findOrderByOrderId(db, unpaid.order.orderId))!.orderNumber!];
    const [ta, tb] = [cjNumber(), cjNumber()];
    const bad = [
      { line: 2, orderNumber: na.toLowerCase().replace("-", ""), courier: "CJ대한통운", trackingNumber: ta },
      { line: 3, orderNumber: nb, courier: "CJ대한통운", trackingNumber: "123" },
      { line: 4, orderNumber: "261207-ZZZZZZ", courier: "CJ대한통운", trackingNumber: tb },
      { line: 5, orderNumber: nu, courier: "CJ대한통운", trackingNumber: tb },
      { line: 6, orderNumber: na, courier: "CJ대한통운", trackingNumber: ta },
    ];
    expect((await previewTrackingUpload(db, bad)).map((r) => r.outcome)).toEqual(["ok", "bad_number", "unknown_order", "not_shippable", "duplicate"]);
    const refused = await applyTrackingUpload(db, bad, OWNER);
    expect(refused).toMatchObject({ ok: false, message: "확인이 필요한 줄이 있어 아무것도 등록하지 않았어요." });
    expect(await db.$count(shipments, eq(shipments.orderId, (await findOrderByOrderId(db, a.order.orderId))!.id))).toBe(0);

    const good = [
      { line: 2, orderNumber: na, courier: "CJ대한통운", trackingNumber: ta },
      { line: 3, orderNumber: nb, courier: "cj", trackingNumber: tb },
    ];
    expect(await applyTrackingUpload(db, good, OWNER)).toEqual({ ok: true, shipped: 2, already: 0 });
    expect((await findOrderByOrderId(db, b.order.orderId))!.fulfillmentStatus).toBe("SHIPPED");
    expect((await previewTrackingUpload(db, good)).map((r) => r.outcome)).toEqual(["already", "already"]);
    expect(await applyTrackingUpload(db, good, OWNER)).toEqual({ ok: true, shipped: 0, already: 2 });
    expect(await db.$count(shipments)).toBeGreaterThanOrEqual(2);
  });

  it("applies a 300-row file in one go", async () => {
    const rows = [];
    for (let i = 0; i < 300; i += 1) {
      const { order } = await createPaidOrder();
      rows.push({ line: i + 2, orderNumber: await numberOf(order.orderId), courier: "CJ", trackingNumber: cjNumber() });
    }
    const started = performance.now();
    const result = await applyTrackingUpload(db, rows, OWNER);
    console.log(`[tracking upload] 300 rows applied in ${Math.round(performance.now() - started)} ms (${onPostgres ? "PostgreSQL" : "PGlite"})`);
    expect(result).toEqual({ ok: true, shipped: 300, already: 0 });
  }, 240_000);

  it.skipIf(!onPostgres)("on PostgreSQL, two uploads of one file at once ship each parcel once, 5 rounds", async () => {
    for (let round = 0; round < 5; round += 1) {
      const rows = [];
      for (let i = 0; i < 5; i += 1) {
        const { order } = await createPaidOrder();
        rows.push({ line: i + 2, orderNumber: await numberOf(order.orderId), courier: "CJ", trackingNumber: cjNumber() });
      }
      const results = await Promise.all([applyTrackingUpload(db, rows, "admin:a@x.kr"), applyTrackingUpload(db, rows, "admin:b@x.kr")]);
      expect(results.map((r) => (r.ok ? r.shipped : -1)).sort()).toEqual([0, 5]);
    }
  });
});
