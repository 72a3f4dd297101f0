import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { orders } from "@/db/schema";
import { fieldErrorsOf, text } from "@/lib/input";
import { checkRateLimit, recordHit, takeRateLimit } from "@/lib/rate-limit";
import { normalizeOrderNumber } from "./order-number";

export const guestLookupSchema = z.object({
  orderNumber: text(40, "주문번호를 확인해 주세요")
    .transform((value) => normalizeOrderNumber(value))
    .pipe(z.string({ error: "주문번호를 확인해 주세요 (예: 261130-K7PX3M)" })),
  phone: text(20, "휴대폰 번호를 확인해 주세요")
    .transform((value) => value.replace(/[\s-]/g, ""))
    .pipe(z.string().regex(/^01[016789]\d{7,8}$/, "휴대폰 번호를 확인해 주세요 (예: 010-1234-5678)")),
});

// Guessing a phone number for a known order number, or order numbers for a known phone, is
// what these limits stop: a few tries per order number, a few dozen per client address.
export const LOOKUP_LIMITS = {
  perOrderNumber: { bucket: "order-lookup:number", limit: 5, windowSeconds: 15 * 60 },
  perAddress: { bucket: "order-lookup:address", limit: 30, windowSeconds: 60 * 60 },
} as const;

export type GuestLookupResult =
  | { ok: true; orderId: string }
  | { ok: false; reason: "invalid"; fieldErrors: { orderNumber?: string; phone?: string } }
  | { ok: false; reason: "no-match" }
  | { ok: false; reason: "limited"; retryAfterSeconds: number };

/**
 * 비회원 주문조회: the order whose number and phone both match, or a refusal that never says
 * which of the two was wrong. Rate-limited per client address and per order number.
 */
export async function lookupGuestOrder(db: Executor, input: unknown, clientAddress: string): Promise<GuestLookupResult> {
  const parsed = guestLookupSchema.safeParse(input);
  if (!parsed.success) {
    const { orderNumber, phone } = fieldErrorsOf(parsed.error);
    return { ok: false, reason: "invalid", fieldErrors: { ...(orderNumber && { orderNumber }), ...(phone && { phone }) } };
  }
  const { orderNumber, phone } = parsed.data;

  const byAddress = await takeRateLimit(db, { ...LOOKUP_LIMITS.perAddress, key: clientAddress });
  if (!byAddress.allowed) return { ok: false, reason: "limited", retryAfterSeconds: byAddress.retryAfterSeconds };
  const byNumber = { ...LOOKUP_LIMITS.perOrderNumber, key: orderNumber };
  const misses = await checkRateLimit(db, byNumber);
  if (!misses.allowed) return { ok: false, reason: "limited", retryAfterSeconds: misses.retryAfterSeconds };

  const [order] = await db
    .select({ orderId: orders.orderId, phone: orders.customerPhone })
    .from(orders)
    .where(eq(orders.orderNumber, orderNumber))
    .limit(1);
  if (!order || order.phone !== phone) {
    await recordHit(db, byNumber.bucket, byNumber.key);
    return { ok: false, reason: "no-match" };
  }
  return { ok: true, orderId: order.orderId };
}
