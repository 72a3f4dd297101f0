import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { db } from "@/db/client";
import { ORDER_ACCESS_COOKIE } from "@/lib/orders/access";
import { canViewOrder, getOrderStatus } from "@/lib/orders/view";

export const dynamic = "force-dynamic";

/** The order's status alone, polled by the order page while it waits for a deposit or a confirm. */
export async function GET(_request: Request, { params }: { params: Promise<{ orderId: string }> }) {
  const { orderId } = await params;
  const accessCookie = (await cookies()).get(ORDER_ACCESS_COOKIE)?.value;
  const status = canViewOrder({ accessCookie }, orderId) ? await getOrderStatus(db, orderId) : null;
  if (!status) return NextResponse.json({ error: "not found" }, { status: 404, headers: { "Cache-Control": "no-store" } });
  return NextResponse.json({ status }, { headers: { "Cache-Control": "no-store" } });
}
