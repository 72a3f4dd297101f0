"use server";

import { refresh, revalidateTag } from "next/cache";
import { db } from "@/db/client";
import { cacheTags } from "@/lib/cache-tags";
import { addToCart, removeFromCart, setCartQuantity, type CartChange } from "@/lib/cart";
import { readCartId, writeCartId } from "@/lib/cart-cookie";

export type CartActionResult = { ok: true } | { ok: false; message: string };

async function finish(change: CartChange, previousCartId: string | undefined): Promise<CartActionResult> {
  if (!change.ok) return { ok: false, message: change.message };
  if (change.cartId !== previousCartId) await writeCartId(change.cartId);
  // Re-render the page and the header count from the database.
  refresh();
  return { ok: true };
}

export async function addToCartAction(productId: unknown, quantity: unknown): Promise<CartActionResult> {
  const cartId = await readCartId();
  const change = await addToCart(db, cartId, productId, quantity);
  // A refusal means the cached catalog may still show stock that is gone: let it catch up.
  if (!change.ok) revalidateTag(cacheTags.catalog, { expire: 0 });
  return finish(change, cartId);
}

export async function setCartQuantityAction(productId: unknown, quantity: unknown): Promise<CartActionResult> {
  const cartId = await readCartId();
  return finish(await setCartQuantity(db, cartId, productId, quantity), cartId);
}

export async function removeFromCartAction(productId: unknown): Promise<CartActionResult> {
  const cartId = await readCartId();
  return finish(await removeFromCart(db, cartId, productId), cartId);
}
