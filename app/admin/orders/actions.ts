"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/db/client";
import { currentAdmin } from "@/app/admin/access";
import { adminActorName } from "@/lib/auth/actor";
import { acceptOrders, markOrdersDelivered } from "@/lib/fulfillment/shipping";
import { ORDER_ID_PATTERN } from "@/lib/orders/order-id";

const bulkSchema = z.object({
  action: z.enum(["accept", "deliver"]),
  orderIds: z.array(z.string().regex(ORDER_ID_PATTERN)).min(1).max(500),
  back: z.string().max(2_000).regex(/^\/admin\/orders(\?[^#]*)?$/).catch("/admin/orders"),
});

/** 발주 확인 or 배송 완료 for the rows the staff member ticked, then back to the same list with what happened. */
export async function bulkFulfillmentAction(formData: FormData): Promise<void> {
  const access = await currentAdmin("staff");
  if (!access.ok) redirect("/signin?callbackUrl=%2Fadmin%2Forders");
  const parsed = bulkSchema.safeParse({ action: formData.get("action"), orderIds: formData.getAll("orderId"), back: formData.get("back") ?? undefined });
  const back = new URL(parsed.success ? parsed.data.back : "/admin/orders", "http://x");
  if (!parsed.success) {
    back.searchParams.set("notice", "주문을 하나 이상 골라 주세요.");
  } else if (parsed.data.action === "accept") {
    const result = await acceptOrders(db, parsed.data.orderIds, adminActorName(access.user));
    back.searchParams.set("notice", `${result.accepted.length}건 발주 확인했어요.${result.refused.length ? ` ${result.refused.length}건은 신규 주문이 아니라 그대로 뒀어요.` : ""}`);
  } else {
    const moved = await markOrdersDelivered(db, parsed.data.orderIds, adminActorName(access.user));
    back.searchParams.set("notice", `${moved.length}건을 배송 완료로 바꿨어요.${parsed.data.orderIds.length - moved.length ? ` ${parsed.data.orderIds.length - moved.length}건은 배송 중이 아니라 그대로 뒀어요.` : ""}`);
  }
  redirect(`${back.pathname}${back.search}`);
}
