import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback";

describe("the sign-in callback", () => {
  it("keeps back-office and order paths, from a path or the proxy's absolute URL", () => {
    expect(safeCallbackPath("/admin/orders?status=PAID")).toBe("/admin/orders?status=PAID");
    expect(safeCallbackPath("http://localhost:3000/admin/orders/jt_abc123")).toBe("/admin/orders/jt_abc123");
    expect(safeCallbackPath("https://evil.example/admin")).toBe("/admin");
  });

  it("refuses anything that could leave the site or the back office", () => {
    for (const value of ["//evil.example/admin", "/\\evil.example", "javascript:alert(1)", "/cart", "/administrator", "", null, undefined]) {
      expect(safeCallbackPath(value)).toBe("/admin");
    }
  });
});
