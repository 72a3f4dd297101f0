import { NextResponse, type NextRequest } from "next/server";
import { db } from "@/db/client";
import { env } from "@/lib/env";
import { BUY_NOW_COOKIE } from "@/lib/cart-cookie";
import { ORDER_ACCESS_COOKIE } from "@/lib/orders/access";
import { BUY_NOW_RETRY_HREF, failQuerySchema, resolveFailRedirect } from "@/lib/orders/fail";

export const dynamic = "force-dynamic";

// Toss's fail redirect (docs/architecture.md, the money path): read the query, let lib decide,
// redirect, as /success does. The write happens in a route handler, where Next lets the order's
// stock release expire the catalog's cached pages; the page it leads to only shows words.
export async function GET(request: NextRequest) {
  const query = failQuerySchema.parse(Object.fromEntries(request.nextUrl.searchParams));
  const outcome = await resolveFailRedirect(db, query, request.cookies.get(ORDER_ACCESS_COOKIE)?.value, request.cookies.get(BUY_NOW_COOKIE)?.value);
  const destination =
    outcome.kind === "order"
      ? `/orders/${encodeURIComponent(outcome.orderId)}?notice=already-paid`
      : `/checkout/failed?${new URLSearchParams({ code: outcome.failure.code, ...(outcome.retryHref === BUY_NOW_RETRY_HREF && { retry: "buy-now" }) })}`;
  return NextResponse.redirect(new URL(destination, env().appUrl), 303);
}
