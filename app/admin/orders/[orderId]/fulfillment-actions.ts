"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/db/client";
import { adminAction } from "@/app/admin/access";
import { adminActorName } from "@/lib/auth/actor";
import { acceptOrders, markOrdersDelivered, shipOrder } from "@/lib/fulfillment/shipping";
import { text } from "@/lib/input";

const orderIdField = text(64).regex(/^[A-Za-z0-9_-]{6,64}$/, "주문번호가 올바르지 않아요.");

/** 발주 확인: staff may pack orders; refunds stay with owners. */
export const acceptOrderAction = adminAction(z.object({ orderId: orderIdField }), { role: "staff" }, async ({ orderId }, user) => {
  const result = await acceptOrders(db, [orderId], adminActorName(user));
  revalidatePath(`/admin/orders/${orderId}`);
  return result.accepted.length ? { ok: true, message: "발주를 확인했어요." } : { ok: false, error: result.refused[0]?.message ?? "발주 확인을 하지 못했어요." };
});

const shipSchema = z.object({
  orderId: orderIdField,
  courier: text(20).min(1, "택배사를 골라 주세요."),
  trackingNumber: text(40).optional(),
});

/** 발송 처리: one parcel with every unit not sent yet. */
export const shipOrderAction = adminAction(shipSchema, { role: "staff" }, async ({ orderId, courier, trackingNumber }, user) => {
  const result = await shipOrder(db, { orderId, courier, trackingNumber: trackingNumber ?? null }, adminActorName(user));
  revalidatePath(`/admin/orders/${orderId}`);
  if (!result.ok) return { ok: false, error: result.message, fieldErrors: result.code === "BAD_TRACKING" ? { trackingNumber: result.message } : undefined };
  return { ok: true, message: result.outcome === "already" ? "이미 등록된 송장이에요." : "발송 처리했어요." };
});

/** 배송 완료 for every parcel of the order. */
export const markDeliveredAction = adminAction(z.object({ orderId: orderIdField }), { role: "staff" }, async ({ orderId }, user) => {
  const moved = await markOrdersDelivered(db, [orderId], adminActorName(user));
  revalidatePath(`/admin/orders/${orderId}`);
  return moved.length ? { ok: true, message: "배송 완료로 바꿨어요." } : { ok: false, error: "배송 중인 택배가 없어요." };
});
