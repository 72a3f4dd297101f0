import { describe, expect, it } from "vitest";
import { koreaDayNumber, koreaDayStart, koreaDayStartBefore, koreaDayStartOfNumber, koreaStamp } from "./korea-time";

describe("Korea time", () => {
  it("starts a day at midnight in Korea, whatever the server's zone", () => {
    expect(koreaDayStart("2026-03-01").toISOString()).toBe("2026-02-28T15:00:00.000Z");
    expect(koreaDayStart("2026-02-28", 1).toISOString()).toBe("2026-02-28T15:00:00.000Z");
    expect(koreaDayStartBefore(new Date("2026-03-01T14:59:59Z"), 0).toISOString()).toBe("2026-02-28T15:00:00.000Z");
    expect(koreaDayStartBefore(new Date("2026-03-01T15:00:00Z"), 0).toISOString()).toBe("2026-03-01T15:00:00.000Z");
    expect(koreaDayStartBefore(new Date("2026-03-10T00:30:00+09:00"), 6).toISOString()).toBe("2026-03-03T15:00:00.000Z");
  });

  it("numbers days as the SQL grouping does, and back", () => {
    const day = koreaDayNumber(new Date("2026-03-01T23:59:59+09:00"));
    expect(koreaDayNumber(new Date("2026-03-01T00:00:00+09:00"))).toBe(day);
    expect(koreaDayNumber(new Date("2026-03-02T00:00:00+09:00"))).toBe(day + 1);
    expect(koreaDayStartOfNumber(day)).toEqual(koreaDayStart("2026-03-01"));
  });

  it("stamps a moment in Korea time", () => {
    expect(koreaStamp(new Date("2026-03-01T05:30:05Z"))).toBe("2026-03-01 14:30:05");
  });
});
