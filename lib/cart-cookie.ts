import "server-only";
import { cookies } from "next/headers";
import { env } from "./env";

// The cart lives in the database; the browser holds only its id, out of reach of scripts.
export const CART_COOKIE = "jangteo_cart";

// 바로 구매 checks out a cart of its own, so the shopper's cart is never touched by it.
export const BUY_NOW_COOKIE = "jangteo_buy_now";

export type CartSource = "cart" | "buy-now";

export async function readCartId(source: CartSource = "cart"): Promise<string | undefined> {
  return (await cookies()).get(source === "buy-now" ? BUY_NOW_COOKIE : CART_COOKIE)?.value;
}

export async function writeCartId(cartId: string, source: CartSource = "cart"): Promise<void> {
  (await cookies()).set(source === "buy-now" ? BUY_NOW_COOKIE : CART_COOKIE, cartId, {
    httpOnly: true,
    sameSite: "lax",
    secure: env().NODE_ENV === "production",
    path: "/",
    maxAge: 60 * 60 * 24 * 30,
  });
}
