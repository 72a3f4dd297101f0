"use server";

import { cookies, headers } from "next/headers";
import { revalidateTag } from "next/cache";
import { db } from "@/db/client";
import { cacheTags } from "@/lib/cache-tags";
import { readCartId } from "@/lib/cart-cookie";
import { clientAddressFrom } from "@/lib/client-address";
import { env } from "@/lib/env";
import { ORDER_ACCESS_COOKIE, orderAccessCookie } from "@/lib/orders/access";
import { checkoutFieldErrorsOf, checkoutFormSchema, type CheckoutFieldErrors } from "@/lib/orders/checkout-form";
import { placeOrder, type PlacedOrder } from "@/lib/orders/place-order";

/** The store's own consents (이용약관, 개인정보 수집·이용), asked beside the order form. */
export type ConsentName = "agreeTerms" | "agreePrivacy";
const CONSENTS: ConsentName[] = ["agreeTerms", "agreePrivacy"];
export type CheckoutErrors = CheckoutFieldErrors & Partial<Record<ConsentName, string>>;

export type PlaceOrderActionResult =
  | { ok: true; order: PlacedOrder; successUrl: string; failUrl: string }
  | { ok: false; code: string; message: string; fieldErrors?: CheckoutErrors; orderUrl?: string };

const FORM_FIELDS = ["customerName", "customerEmail", "customerPhone", "postcode", "address", "addressDetail", "deliveryMemo"] as const;

/** Placing the order (docs/architecture.md): save it with the server's amount before the browser calls requestPayment. */
export async function placeOrderAction(formData: FormData): Promise<PlaceOrderActionResult> {
  // Called over HTTP, an action receives whatever the caller encoded, not what its type says.
  if (!(formData instanceof FormData)) {
    return { ok: false, code: "INVALID_REQUEST", message: "주문서를 읽을 수 없어요. 페이지를 새로 고친 뒤 다시 시도해 주세요" };
  }
  const form = Object.fromEntries(FORM_FIELDS.map((name) => [name, formData.get(name) ?? undefined]));
  const missingConsents = CONSENTS.filter((name) => formData.get(name) !== "on");
  if (missingConsents.length > 0) {
    const parsed = checkoutFormSchema.safeParse(form);
    const fieldErrors: CheckoutErrors = parsed.success ? {} : checkoutFieldErrorsOf(parsed.error);
    for (const name of missingConsents) fieldErrors[name] = "동의해야 주문할 수 있어요";
    return { ok: false, code: "INVALID_FORM", message: "입력한 내용을 확인해 주세요", fieldErrors };
  }
  const config = env();
  const result = await placeOrder(db, await readCartId(formData.get("source") === "buy-now" ? "buy-now" : "cart"), form, {
    clientAddress: clientAddressFrom(await headers(), config.TRUSTED_PROXY_HEADER),
    unpaidOrdersPerAddress: config.unpaidOrdersPerAddress,
  });
  if (!result.ok) {
    if (result.code === "OUT_OF_STOCK") revalidateTag(cacheTags.catalog, { expire: 0 });
    return result;
  }
  const jar = await cookies();
  jar.set(orderAccessCookie(jar.get(ORDER_ACCESS_COOKIE)?.value, result.order.orderId));
  const { appUrl } = env();
  // Toss returns to a page that shows "결제를 확인하고 있어요" at once and then hands over to /success.
  return { ok: true, order: result.order, successUrl: `${appUrl}/checkout/processing`, failUrl: `${appUrl}/fail` };
}
