import { format } from "date-fns";
import { seoul } from "@/lib/korea-time";
import { ko } from "date-fns/locale";

// Dates and phone numbers as Korean shoppers read them. date-fns rather than Intl: the server's
// Node may ship without Korean locale data and print "AM 6:54" where "오전 6:54" is meant.

/** 2026년 11월 26일 오전 6:54 (Korea time, wherever the server runs). */
export function formatKoreanDateTime(date: Date): string {
  return format(date, "yyyy년 M월 d일 a h:mm", { locale: ko, in: seoul });
}

/** 01012345678 → 010-1234-5678 (and 0101234567 → 010-123-4567). */
export function formatPhone(digits: string): string {
  const match = /^(01\d)(\d{3,4})(\d{4})$/.exec(digits);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : digits;
}

/** 11012345678901 → "1101 2345 6789 01": digits in fours, for reading an account number aloud. */
export function groupDigits(value: string): string {
  const digits = value.replace(/\D/g, "");
  return digits.replace(/(\d{4})(?=\d)/g, "$1 ");
}
