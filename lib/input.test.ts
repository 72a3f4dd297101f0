import { describe, expect, it } from "vitest";
import { isStorableText, text } from "./input";

describe("the input rule", () => {
  it("refuses NUL and lone surrogates, keeps Hangul, emoji and ordinary punctuation", () => {
    expect(isStorableText("김토스 🙂 <b>&'\"")).toBe(true);
    expect(isStorableText("a\u0000b")).toBe(false);
    expect(isStorableText("a\uD800b")).toBe(false);
    expect(isStorableText("\uDC00")).toBe(false);
    expect(isStorableText("\uD83D\uDE42")).toBe(true);
  });

  it("bounds the length and composes with the usual string checks", () => {
    const name = text(5, "이름을 확인해 주세요").trim().min(1);
    expect(name.safeParse(" 김토스 ").data).toBe("김토스");
    expect(name.safeParse("가나다라마바").success).toBe(false);
    expect(name.safeParse("a\u0000").error?.issues[0]?.message).toBe("이름을 확인해 주세요");
    expect(name.safeParse(42).success).toBe(false);
  });
});
