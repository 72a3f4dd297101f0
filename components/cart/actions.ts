"use server";

import { refresh, revalidateTag } from "next/cache";
import { db } from "@/db/client";
import { cacheTags } from "@/lib/cache-tags";
import { addToCart, removeFromCart, setBuyNowCart, setCartQuantity, type CartChange } from "@/lib/cart";
import { readCartId, writeCartId } from "@/lib/cart-cookie";
import { text } from "@/lib/input";
import { z } from "zod";

export type CartActionResult = { ok: true } | { ok: false; message: string };

// What the browser sends: numbers, or their text from a form. Anything else is refused before
// lib/cart reads it.
const numberArgument = z.union([z.number(), text(16)]);
const refused: CartActionResult = { ok: false, message: "요청을 처리할 수 없어요. 페이지를 새로 고친 뒤 다시 시도해 주세요" };

function validArguments(...values: unknown[]): boolean {
  return values.every((value) => numberArgument.safeParse(value).success);
}

async function finish(change: CartChange, previousCartId: string | undefined): Promise<CartActionResult> {
  if (!change.ok) return { ok: false, message: change.message };
  if (change.cartId !== previousCartId) await writeCartId(change.cartId);
  // Re-render the page and the header count from the database.
  refresh();
  return { ok: true };
}

export async function addToCartAction(productId: unknown, quantity: unknown): Promise<CartActionResult> {
  if (!validArguments(productId, quantity)) return refused;
  const cartId = await readCartId();
  const change = await addToCart(db, cartId, productId, quantity);
  // A refusal means the cached catalog may still show stock that is gone: let it catch up.
  if (!change.ok) revalidateTag(cacheTags.catalog, { expire: 0 });
  return finish(change, cartId);
}

/** 바로 구매: fills the buy-now cart with this product alone; the order form opens at /checkout?buy=now. */
export async function buyNowAction(productId: unknown, quantity: unknown): Promise<CartActionResult> {
  if (!validArguments(productId, quantity)) return refused;
  const cartId = await readCartId("buy-now");
  const change = await setBuyNowCart(db, cartId, productId, quantity);
  if (!change.ok) {
    revalidateTag(cacheTags.catalog, { expire: 0 });
    return { ok: false, message: change.message };
  }
  if (change.cartId !== cartId) await writeCartId(change.cartId, "buy-now");
  return { ok: true };
}

export async function setCartQuantityAction(productId: unknown, quantity: unknown): Promise<CartActionResult> {
  if (!validArguments(productId, quantity)) return refused;
  const cartId = await readCartId();
  return finish(await setCartQuantity(db, cartId, productId, quantity), cartId);
}

export async function removeFromCartAction(productId: unknown): Promise<CartActionResult> {
  if (!validArguments(productId)) return refused;
  const cartId = await readCartId();
  return finish(await removeFromCart(db, cartId, productId), cartId);
}
