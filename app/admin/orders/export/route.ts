import { db } from "@/db/client";
import { ordersCsvStream } from "@/lib/admin/orders-csv";
import { parseOrderFilters } from "@/lib/admin/orders";
import { currentAdmin } from "@/app/admin/access";

export const dynamic = "force-dynamic";

/** The filtered order list as CSV, owners only, streamed so that 100,000 rows never sit in memory. */
export async function GET(request: Request) {
  const access = await currentAdmin("owner");
  if (!access.ok) return new Response(access.reason === "forbidden" ? "점주 계정만 내려받을 수 있어요.\n" : "로그인이 필요해요.\n", { status: access.reason === "forbidden" ? 403 : 401 });
  const filters = parseOrderFilters(Object.fromEntries(new URL(request.url).searchParams));
  const day = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
  return new Response(ordersCsvStream(db, filters), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="orders-${day}.csv"`,
      "cache-control": "no-store",
    },
  });
}
