import { describe, expect, it } from "vitest";
import { romanizeHangul, toSlug } from "./slug";

describe("a product's address from its name", () => {
  it("romanizes Hangul letter by letter (Revised Romanization)", () => {
    expect(romanizeHangul("유자차")).toBe("yujacha");
    expect(romanizeHangul("참기름")).toBe("chamgireum");
    expect(romanizeHangul("꿀 1kg")).toBe("kkul 1kg");
    expect(romanizeHangul("밀랍 초")).toBe("millap cho");
  });

  it("keeps letters and digits, one hyphen between words, nothing at either end", () => {
    expect(toSlug("안동 간고등어")).toBe("andong-gangodeungeo");
    expect(toSlug("사과즙 100ml × 30포")).toBe("sagwajeup-100ml-30po");
    expect(toSlug("  Sesame-Oil SET!! ")).toBe("sesame-oil-set");
    expect(toSlug("!!")).toBe("");
    expect(toSlug("가".repeat(100))).toHaveLength(80);
    expect(toSlug(`${"a".repeat(79)} b`)).toBe("a".repeat(79));
  });
});
