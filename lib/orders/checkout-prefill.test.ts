import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { createCart, createPendingOrder, validCheckoutForm } from "@/lib/testing/factories";
import { checkoutPrefill } from "./checkout-prefill";

describe("checkoutPrefill", () => {
  it("gives back what the shopper typed for this cart's last order", async () => {
    const { cartId } = await createPendingOrder();
    // What createPendingOrder typed, as typed (the phone keeps its hyphens).
    expect(await checkoutPrefill(db, cartId)).toEqual(validCheckoutForm);
  });

  it("gives nothing to another cart, or to none", async () => {
    await createPendingOrder();
    expect(await checkoutPrefill(db, await createCart([]))).toEqual({});
    expect(await checkoutPrefill(db, undefined)).toEqual({});
    expect(await checkoutPrefill(db, "not-a-cart")).toEqual({});
  });
});
