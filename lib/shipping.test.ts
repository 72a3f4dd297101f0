import { describe, expect, it } from "vitest";
import { resolveEnv } from "./env";
import { amountToFreeShipping, shippingFee } from "./shipping";

const rule = { fee: 3000, freeThreshold: 30000 };

describe("shippingFee", () => {
  it("charges the fee below the threshold and nothing from it on", () => {
    expect(shippingFee(9900, rule)).toBe(3000);
    expect(shippingFee(29999, rule)).toBe(3000);
    expect(shippingFee(30000, rule)).toBe(0);
    expect(shippingFee(80000, rule)).toBe(0);
  });

  it("charges nothing for an empty order", () => {
    expect(shippingFee(0, rule)).toBe(0);
  });

  it("says how far free shipping is", () => {
    expect(amountToFreeShipping(9900, rule)).toBe(20100);
    expect(amountToFreeShipping(30000, rule)).toBe(0);
    expect(amountToFreeShipping(9900, { fee: 0, freeThreshold: 30000 })).toBe(0);
  });

  it("reads the fee and threshold from configuration, 3,000원 under 30,000원 by default", () => {
    expect(resolveEnv({}).shipping).toEqual({ fee: 3000, freeThreshold: 30000 });
    expect(resolveEnv({ SHIPPING_FEE: "2500", FREE_SHIPPING_THRESHOLD: "50000" }).shipping).toEqual({ fee: 2500, freeThreshold: 50000 });
    expect(() => resolveEnv({ SHIPPING_FEE: "-1" })).toThrow(/SHIPPING_FEE/);
  });
});
