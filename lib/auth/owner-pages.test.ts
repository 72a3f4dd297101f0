import { describe, expect, it } from "vitest";
import { ownerOnlyPageName } from "./owner-pages";

describe("the permission page's name for where a staff account was turned away", () => {
  it("names the owner-only pages and nothing else", () => {
    expect(ownerOnlyPageName("/admin/accounts")).toEqual({ path: "/admin/accounts", name: "계정" });
    expect(ownerOnlyPageName("/admin/products/new")?.name).toBe("상품 등록");
    expect(ownerOnlyPageName("/admin/accountsX")).toBeNull();
    expect(ownerOnlyPageName("https://evil.example/admin/accounts")).toBeNull();
    expect(ownerOnlyPageName("/admin/orders")).toBeNull();
    expect(ownerOnlyPageName(undefined)).toBeNull();
  });
});
