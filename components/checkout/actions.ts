"use server";

import { cookies } from "next/headers";
import { revalidateTag } from "next/cache";
import { db } from "@/db/client";
import { cacheTags } from "@/lib/cache-tags";
import { readCartId } from "@/lib/cart-cookie";
import { env } from "@/lib/env";
import { ORDER_ACCESS_COOKIE, grantOrderAccess } from "@/lib/orders/access";
import type { CheckoutFieldErrors } from "@/lib/orders/checkout-form";
import { placeOrder, type PlacedOrder } from "@/lib/orders/place-order";

export type PlaceOrderActionResult =
  | { ok: true; order: PlacedOrder; successUrl: string; failUrl: string }
  | { ok: false; code: string; message: string; fieldErrors?: CheckoutFieldErrors; orderUrl?: string };

const FORM_FIELDS = ["customerName", "customerEmail", "customerPhone", "postcode", "address", "addressDetail", "deliveryMemo"] as const;

/** DESIGN.md step 3: save the order with the server's amount before the browser calls requestPayment. */
export async function placeOrderAction(formData: FormData): Promise<PlaceOrderActionResult> {
  const form = Object.fromEntries(FORM_FIELDS.map((name) => [name, formData.get(name) ?? undefined]));
  const result = await placeOrder(db, await readCartId(), form);
  if (!result.ok) {
    if (result.code === "OUT_OF_STOCK") revalidateTag(cacheTags.catalog, { expire: 0 });
    return result;
  }
  const jar = await cookies();
  jar.set(ORDER_ACCESS_COOKIE, grantOrderAccess(jar.get(ORDER_ACCESS_COOKIE)?.value, result.order.orderId), {
    httpOnly: true,
    sameSite: "lax",
    secure: env().NODE_ENV === "production",
    path: "/",
    maxAge: 60 * 60 * 24 * 90,
  });
  // Reserved stock changed what the catalog shows.
  revalidateTag(cacheTags.catalog, { expire: 0 });
  const { appUrl } = env();
  return { ok: true, order: result.order, successUrl: `${appUrl}/success`, failUrl: `${appUrl}/fail` };
}
