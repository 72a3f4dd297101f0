import { describe, expect, it } from "vitest";
import { formatKoreanDateTime, formatPhone, groupDigits } from "./format";

describe("Korean formats", () => {
  it("shows Korea time with 오전/오후 whatever the server's zone", () => {
    expect(formatKoreanDateTime(new Date("2026-11-25T21:54:00Z"))).toBe("2026년 11월 26일 오전 6:54");
    expect(formatKoreanDateTime(new Date("2026-11-26T05:05:00Z"))).toBe("2026년 11월 26일 오후 2:05");
  });

  it("hyphenates mobile numbers stored as digits", () => {
    expect(formatPhone("01012345678")).toBe("010-1234-5678");
    expect(formatPhone("0111234567")).toBe("011-123-4567");
    expect(formatPhone("021234567")).toBe("021234567");
  });

  it("groups account numbers in fours, whatever separators they came with", () => {
    expect(groupDigits("11012345678901")).toBe("1101 2345 6789 01");
    expect(groupDigits("110-123-456789")).toBe("1101 2345 6789");
  });
});
