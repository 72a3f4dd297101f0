import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { createPendingOrder } from "@/lib/testing/factories";
import { findOrderByOrderId } from "@/lib/orders/state";
import { db } from "@/db/client";
import { GET } from "./route";

describe("GET /success with hostile queries (issue 11)", () => {
  it("answers NUL, lone surrogates and huge values with a redirect to /fail, never a 500, and writes nothing", async () => {
    const { order } = await createPendingOrder();
    const hostile = [`paymentKey=%00&orderId=${order.orderId}&amount=15000`, `paymentKey=%ED%A0%80&orderId=${order.orderId}&amount=15000`, `paymentKey=${"k".repeat(100_000)}&orderId=${order.orderId}&amount=15000`];
    for (const query of hostile) {
      const res = await GET(new NextRequest(`http://localhost/success?${query}`));
      expect(res.status, query.slice(0, 40)).toBe(303);
      expect(res.headers.get("location")).toContain("/fail?");
    }
    expect((await findOrderByOrderId(db, order.orderId))!.status).toBe("PENDING");
  });
});
