import { NextResponse, type NextRequest } from "next/server";
import { db } from "@/db/client";
import { env } from "@/lib/env";
import { confirmOrderPayment, successQuerySchema, type ConfirmResult } from "@/lib/orders/confirm";

export const dynamic = "force-dynamic";

// Toss's success redirect (docs/architecture.md, the money path): read the query, let lib decide, redirect.
export async function GET(request: NextRequest) {
  const query = successQuerySchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  const result: ConfirmResult = query.success
    ? await confirmOrderPayment(db, query.data)
    : { kind: "fail", code: "INVALID_REQUEST", message: "결제 결과를 확인할 수 없습니다. 다시 결제해 주세요." };
  return NextResponse.redirect(new URL(destination(result), env().appUrl), 303);
}

function destination(result: ConfirmResult): string {
  if (result.kind !== "fail") return `/orders/${encodeURIComponent(result.orderId)}`;
  const params = new URLSearchParams({ code: result.code, message: result.message });
  if (result.orderId) params.set("orderId", result.orderId);
  return `/fail?${params}`;
}
