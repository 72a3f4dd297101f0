import { db } from "@/db/client";
import { getCartItemCount } from "@/lib/cart";
import { readCartId } from "@/lib/cart-cookie";

/** The header's item count, asked by the browser after a cached page hydrates. */
export async function GET() {
  const count = await getCartItemCount(db, await readCartId());
  return Response.json({ count }, { headers: { "cache-control": "private, no-store" } });
}
