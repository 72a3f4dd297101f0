import { db } from "@/db/client";
import { currentAdmin } from "@/app/admin/access";
import { shippingListRows, shippingListXlsx } from "@/lib/fulfillment/shipping-list";

export const dynamic = "force-dynamic";

/** 발송 목록 as .xlsx for the courier's bulk-label system: staff and owners. */
export async function GET() {
  const access = await currentAdmin("staff");
  if (!access.ok) return new Response("로그인이 필요해요.\n", { status: 401 });
  const file = await shippingListXlsx(await shippingListRows(db));
  const day = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
  return new Response(new Uint8Array(file), {
    headers: {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="shipping-list-${day}.xlsx"`,
      "cache-control": "no-store",
    },
  });
}
