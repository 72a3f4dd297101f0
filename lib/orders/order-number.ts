import { format } from "date-fns";
import { seoul } from "@/lib/korea-time";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";

// Letters and digits that cannot be mistaken for one another when read aloud or copied by hand
// (no 0/O, 1/I/L): 31 symbols.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const LENGTH = 6;
const SPACE = BigInt(ALPHABET.length) ** BigInt(LENGTH);
// Coprime with 31, so n → n·MULTIPLIER mod SPACE is a bijection: consecutive orders get
// unrelated-looking codes, and no two sequence values below SPACE share one.
const MULTIPLIER = BigInt(387_420_489);

/** The code part of an order number for a sequence value: 6 symbols of ALPHABET. */
export function orderCodeFor(sequenceValue: bigint): string {
  let n = (sequenceValue * MULTIPLIER) % SPACE;
  let code = "";
  for (let i = 0; i < LENGTH; i++) {
    code = ALPHABET[Number(n % BigInt(ALPHABET.length))] + code;
    n /= BigInt(ALPHABET.length);
  }
  return code;
}

/** e.g. 261130-K7PX3M: the order's date in Korea, then a code from the order-number sequence. */
export function formatOrderNumber(date: Date, sequenceValue: bigint): string {
  return `${format(date, "yyMMdd", { in: seoul })}-${orderCodeFor(sequenceValue)}`;
}

/**
 * A fresh order number, unique by construction (the sequence never repeats) and by the
 * database's unique index. The Toss orderId stays a separate, random value.
 */
export async function nextOrderNumber(db: Executor, now = new Date()): Promise<string> {
  const rows = await db.execute<{ value: string }>(sql`select nextval('order_number_seq')::text as value`);
  const value = (Array.isArray(rows) ? rows[0] : (rows as { rows: { value: string }[] }).rows[0])!.value;
  return formatOrderNumber(now, BigInt(value));
}

/** What a shopper may type: any case, with or without the dash or spaces. */
export function normalizeOrderNumber(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, "");
  const match = new RegExp(`^(\\d{6})([${ALPHABET}]{${LENGTH}})$`).exec(compact);
  return match ? `${match[1]}-${match[2]}` : null;
}
