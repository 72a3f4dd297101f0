import "server-only";
import { cookies } from "next/headers";
import { env } from "./env";

// The cart lives in the database; the browser holds only its id, out of reach of scripts.
export const CART_COOKIE = "jangteo_cart";

export async function readCartId(): Promise<string | undefined> {
  return (await cookies()).get(CART_COOKIE)?.value;
}

export async function writeCartId(cartId: string): Promise<void> {
  (await cookies()).set(CART_COOKIE, cartId, {
    httpOnly: true,
    sameSite: "lax",
    secure: env().NODE_ENV === "production",
    path: "/",
    maxAge: 60 * 60 * 24 * 30,
  });
}
