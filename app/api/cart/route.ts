import { db } from "@/db/client";
import { getCartPageData } from "@/lib/cart";
import { readCartId } from "@/lib/cart-cookie";
import { env } from "@/lib/env";

/** The cart page's lines and the shipping rule, asked by the browser once the cached shell has loaded. */
export async function GET() {
  const contents = await getCartPageData(db, await readCartId(), env().shipping);
  return Response.json(contents, { headers: { "cache-control": "private, no-store" } });
}
