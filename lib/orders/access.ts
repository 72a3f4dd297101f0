import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { env } from "@/lib/env";
import { authSecret } from "@/lib/secrets";
import { ORDER_ID_PATTERN } from "./order-id";

// The browser that placed an order may see it: its orderIds travel in one signed cookie, so
// any instance can check it without a lookup. Only the most recent orders are kept.
export const ORDER_ACCESS_COOKIE = "jangteo_orders";
const MAX_ORDERS = 20;
const orderIdsSchema = z.array(z.string().regex(ORDER_ID_PATTERN)).max(MAX_ORDERS);

function sign(payload: string): string {
  return createHmac("sha256", authSecret()).update(`order-access:${payload}`).digest("base64url");
}

export function readOrderAccess(cookieValue: string | undefined): string[] {
  if (!cookieValue) return [];
  const [payload, signature] = cookieValue.split(".");
  if (!payload || !signature) return [];
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return [];
  try {
    const parsed = orderIdsSchema.safeParse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** The cookie value after granting access to one more order. */
export function grantOrderAccess(cookieValue: string | undefined, orderId: string): string {
  const ids = [orderId, ...readOrderAccess(cookieValue).filter((id) => id !== orderId)].slice(0, MAX_ORDERS);
  const payload = Buffer.from(JSON.stringify(ids)).toString("base64url");
  return `${payload}.${sign(payload)}`;
}

/** The access cookie after granting one more order, as `cookies().set` takes it: kept 90 days, never readable by scripts. */
export function orderAccessCookie(cookieValue: string | undefined, orderId: string) {
  return {
    name: ORDER_ACCESS_COOKIE,
    value: grantOrderAccess(cookieValue, orderId),
    httpOnly: true,
    sameSite: "lax" as const,
    secure: env().NODE_ENV === "production",
    path: "/",
    maxAge: 60 * 60 * 24 * 90,
  };
}

export function hasOrderAccess(cookieValue: string | undefined, orderId: string): boolean {
  return readOrderAccess(cookieValue).includes(orderId);
}
