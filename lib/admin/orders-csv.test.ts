import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { orders } from "@/db/schema";
import { ordersCsvStream } from "./orders-csv";

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
    const bytes = Buffer.from(await new Response(ordersCsvStream(db, { sort: "newest", q: "csv@example.com" })).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.subarray(3).toString("utf8");
    const lines = csv.trim().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^주문번호,주문 일시 \(KST\),/);
    expect(csv).toContain("김토스");
    expect(csv).toContain(`"유자차, ""선물"" 포장"`);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csv.match(/\uFEFF/g)).toBeNull();
  });
});
