"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { db } from "@/db/client";
import { clientAddressFrom } from "@/lib/client-address";
import { env } from "@/lib/env";
import { ORDER_ACCESS_COOKIE, orderAccessCookie } from "@/lib/orders/access";
import { confirmPurchase } from "@/lib/fulfillment/shipping";
import { lookupGuestOrder } from "@/lib/orders/guest-lookup";
import { ORDER_ID_PATTERN } from "@/lib/orders/order-id";
import { canViewOrder } from "@/lib/orders/view";

export type GuestLookupState = { message?: string; fieldErrors?: { orderNumber?: string; phone?: string }; values?: { orderNumber: string; phone: string } };


/** 비회원 주문조회: on a match, this browser may see the order from now on. */
export async function lookupGuestOrderAction(_previous: GuestLookupState, formData: FormData): Promise<GuestLookupState> {
  if (!(formData instanceof FormData)) return { message: "주문번호와 휴대폰 번호를 입력해 주세요." };
  const input = { orderNumber: formData.get("orderNumber"), phone: formData.get("phone") };
  const values = { orderNumber: typeof input.orderNumber === "string" ? input.orderNumber.slice(0, 40) : "", phone: typeof input.phone === "string" ? input.phone.slice(0, 20) : "" };
  const result = await lookupGuestOrder(db, input, clientAddressFrom(await headers(), env().TRUSTED_PROXY_HEADER) ?? "unknown");
  if (!result.ok) {
    if (result.reason === "invalid") return { fieldErrors: result.fieldErrors, values };
    if (result.reason === "limited") {
      return { message: `조회를 너무 여러 번 시도했어요. ${Math.ceil(result.retryAfterSeconds / 60)}분 뒤에 다시 해 주세요.`, values };
    }
    return { message: "주문번호와 휴대폰 번호가 맞는 주문을 찾지 못했어요. 다시 확인해 주세요.", values };
  }
  const jar = await cookies();
  jar.set(orderAccessCookie(jar.get(ORDER_ACCESS_COOKIE)?.value, result.orderId));
  redirect(`/orders/${encodeURIComponent(result.orderId)}`);
}

export type ConfirmPurchaseState = { message?: string };

/** 구매 확정 by the shopper: only the browser that may see the order (its cookie or 비회원 주문조회). */
export async function confirmPurchaseAction(_previous: ConfirmPurchaseState, formData: FormData): Promise<ConfirmPurchaseState> {
  const orderId = formData instanceof FormData ? formData.get("orderId") : null;
  if (typeof orderId !== "string" || !ORDER_ID_PATTERN.test(orderId)) return { message: "주문을 찾지 못했어요." };
  if (!canViewOrder({ accessCookie: (await cookies()).get(ORDER_ACCESS_COOKIE)?.value }, orderId)) {
    return { message: "이 브라우저에서 연 주문이 아니에요. 비회원 주문조회로 주문을 열어 주세요." };
  }
  const result = await confirmPurchase(db, orderId, "shopper");
  if (!result.ok) return { message: result.message };
  redirect(`/orders/${encodeURIComponent(orderId)}`);
}
