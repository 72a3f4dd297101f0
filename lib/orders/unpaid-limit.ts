import { and, count, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { orders } from "@/db/schema";
import { env } from "@/lib/env";
import { UNPAID_HOLDING_STOCK } from "./status-groups";


export type UnpaidOrdersRefusal = { code: "TOO_MANY_ORDERS"; message: string; open: number; orderUrl: string };

/** Where a shopper on another device finds an order to pay (its deposit account) or see. */
const LOOKUP_URL = "/orders/lookup";

/**
 * At most `limit` unpaid orders holding stock may be open from one client address (0 = no limit),
 * so that one client cannot reserve the store's stock with a stream of unpaid orders. Paid,
 * failed, expired and cancelled orders do not count: a shopper retrying after a declined card, or
 * many phones behind one carrier address (CGNAT), are not held back by orders that hold nothing.
 * The cart's own PENDING order does not count either: placing again replaces it.
 *
 * Runs inside placeOrder's transaction: the address's advisory lock makes racing placements from
 * one address count one after another, so together they never pass the limit.
 */
export async function refuseTooManyUnpaid(tx: Executor, clientAddress: string, limit: number, cartId: string): Promise<UnpaidOrdersRefusal | null> {
  if (limit === 0) return null;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`unpaid-orders:${clientAddress}`}, 0))`);
  const [row] = await tx
    .select({ open: count() })
    .from(orders)
    .where(
      and(
        eq(orders.clientAddress, clientAddress),
        inArray(orders.status, UNPAID_HOLDING_STOCK),
        or(ne(orders.status, "PENDING"), isNull(orders.cartId), ne(orders.cartId, cartId)),
      ),
    );
  const open = row?.open ?? 0;
  if (open < limit) return null;
  return {
    code: "TOO_MANY_ORDERS",
    open,
    orderUrl: LOOKUP_URL,
    message:
      `이 인터넷 연결에서 결제를 마치지 않은 주문이 ${open}건 있어 새 주문을 받을 수 없어요. ` +
      "입금 대기 중인 주문은 주문 페이지(비회원 주문조회)의 계좌로 입금해 주세요. " +
      `결제하지 않은 주문은 ${env().PENDING_ORDER_TTL_MINUTES}분, 입금하지 않은 주문은 입금 기한이 지나면 저절로 취소돼요.`,
  };
}
