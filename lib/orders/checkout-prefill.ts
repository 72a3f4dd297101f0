import { desc, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { orders } from "@/db/schema";
import { cartIdSchema } from "@/lib/cart";
import { formatPhone } from "@/lib/format";
import type { CheckoutForm } from "./checkout-form";

/**
 * What the shopper typed for this cart's latest order, so that a retry after a cancel or a
 * declined card starts from it. The cart cookie is the shopper's credential: another cart sees
 * nothing.
 */
export async function checkoutPrefill(db: Executor, cartId: string | null | undefined): Promise<Partial<CheckoutForm>> {
  if (!cartIdSchema.safeParse(cartId).success) return {};
  const [last] = await db
    .select({
      customerName: orders.customerName,
      customerEmail: orders.customerEmail,
      customerPhone: orders.customerPhone,
      postcode: orders.postcode,
      address: orders.address,
      addressDetail: orders.addressDetail,
      deliveryMemo: orders.deliveryMemo,
    })
    .from(orders)
    .where(eq(orders.cartId, cartId!))
    .orderBy(desc(orders.id))
    .limit(1);
  if (!last) return {};
  return { ...last, customerPhone: formatPhone(last.customerPhone) };
}
