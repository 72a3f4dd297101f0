import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { createCart, createPendingOrder } from "@/lib/testing/factories";
import { checkoutPrefill } from "./checkout-prefill";

describe("checkoutPrefill", () => {
  it("gives back what the shopper typed for this cart's last order", async () => {
    const { cartId } = await createPendingOrder();
    expect(await checkoutPrefill(db, cartId)).toEqual({
      customerName: "김토스",
      customerEmail: "toss@example.com",
      customerPhone: "010-1234-5678",
      postcode: "06236",
      address: "서울특별시 강남구 테헤란로 131",
      addressDetail: "15층",
      deliveryMemo: "문 앞에 놓아 주세요",
    });
  });

  it("gives nothing to another cart, or to none", async () => {
    await createPendingOrder();
    expect(await checkoutPrefill(db, await createCart([]))).toEqual({});
    expect(await checkoutPrefill(db, undefined)).toEqual({});
    expect(await checkoutPrefill(db, "not-a-cart")).toEqual({});
  });
});
