import { TZDate, tz } from "@date-fns/tz";
import { format, startOfDay, subDays } from "date-fns";

// Korea time, wherever the server runs: days, dates and stamps the way the shop and its owner
// count them. No server imports: screens use it too.

/** date-fns's `in` option for Korea: `format(date, "yyMMdd", { in: seoul })`. */
export const seoul = tz("Asia/Seoul");

/** Korea has kept UTC+9 without daylight saving since 1988: SQL groups rows by Korea-time day with this offset. */
export const KOREA_UTC_OFFSET_SECONDS = 9 * 60 * 60;
const DAY_SECONDS = 24 * 60 * 60;

/** The start of the Korea-time day written `2026-03-01`, or of the day `plusDays` after it. */
export function koreaDayStart(day: string, plusDays = 0): Date {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return new Date(new TZDate(year, month - 1, date + plusDays, "Asia/Seoul").getTime());
}

/** The start of the Korea-time day `daysAgo` days before the one `now` falls in. */
export function koreaDayStartBefore(now: Date, daysAgo: number): Date {
  return new Date(startOfDay(subDays(now, daysAgo, { in: seoul }), { in: seoul }).getTime());
}

/** The Korea-time day `date` falls in, counted from 1970-01-01 (as the SQL grouping with KOREA_UTC_OFFSET_SECONDS counts it). */
export function koreaDayNumber(date: Date): number {
  return Math.floor((date.getTime() / 1000 + KOREA_UTC_OFFSET_SECONDS) / DAY_SECONDS);
}

/** The start of Korea-time day number `dayNumber` (the inverse of koreaDayNumber). */
export function koreaDayStartOfNumber(dayNumber: number): Date {
  return new Date((dayNumber * DAY_SECONDS - KOREA_UTC_OFFSET_SECONDS) * 1000);
}

/** 2026-03-01 14:30:05 in Korea time: sortable, and spreadsheets read it as a date. */
export function koreaStamp(date: Date): string {
  return format(date, "yyyy-MM-dd HH:mm:ss", { in: seoul });
}
