import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { orders } from "@/db/schema";
import { paymentProvider, type PaymentProvider, type ShopperFailureReason } from "@/lib/payments";
import { hasOrderAccess } from "./access";
import { ORDER_ID_PATTERN } from "./order-id";
import { isIn, SETTLED_OR_SETTLING } from "./status-groups";
import { lockOrderByOrderId, transitionOrder } from "./state";

/** The payment window's fail redirect (docs/toss.md §1.6); every part is optional and untrusted. */
export const failQuerySchema = z.object({
  code: z.string().trim().max(100).regex(/^[A-Z0-9_]+$/).optional().catch(undefined),
  message: z.string().trim().max(300).optional().catch(undefined),
  orderId: z.string().regex(ORDER_ID_PATTERN).optional().catch(undefined),
});
export type FailQuery = z.infer<typeof failQuerySchema>;

type Wording = { title: string; hint: string };

const CARD_PROBLEM: Wording = {
  title: "카드 결제가 승인되지 않았어요",
  hint: "카드 정보나 한도를 확인하거나 다른 카드·결제수단으로 다시 결제해 주세요.",
};
const LIMIT_EXCEEDED: Wording = {
  title: "결제 한도를 넘었어요",
  hint: "금액이나 결제수단을 바꿔 다시 결제해 주세요.",
};

/** The store's own words per reason the provider gives; nothing a link carries is ever shown (see describeFailure). */
const WORDING_BY_REASON: Record<ShopperFailureReason, Wording> = {
  "canceled-by-shopper": { title: "결제를 취소했어요", hint: "장바구니와 입력한 배송 정보는 그대로 있어요. 준비되면 다시 결제해 주세요." },
  aborted: { title: "결제가 중간에 멈췄어요", hint: "돈은 빠져나가지 않았어요. 잠시 후 다시 시도하거나 다른 결제수단을 골라 주세요." },
  "card-company-refused": { title: "카드사에서 결제를 거절했어요", hint: "카드 한도나 정보를 확인하거나 다른 카드·결제수단으로 다시 결제해 주세요." },
  "card-problem": CARD_PROBLEM,
  "wrong-password": { title: "비밀번호가 맞지 않았어요", hint: "다시 결제하면서 비밀번호를 확인해 주세요." },
  "limit-exceeded": LIMIT_EXCEEDED,
  "account-refused": { title: "계좌에서 결제하지 못했어요", hint: "잔액이나 계좌 상태를 확인하거나 다른 결제수단으로 다시 결제해 주세요." },
  "session-expired": { title: "결제 시간이 지났어요", hint: "결제창을 연 지 오래되어 결제하지 않았어요. 다시 결제해 주세요." },
  "invalid-request": { title: "결제 결과를 확인하지 못했어요", hint: "다시 결제해 주세요. 같은 문제가 계속되면 고객센터로 알려 주세요." },
  unknown: { title: "결제가 완료되지 않았어요", hint: "장바구니는 그대로 있어요. 다시 결제해 주세요." },
};

/** The store's own failure codes (lib/orders/confirm.ts). */
const STORE_WORDING: Record<string, Wording> = {
  AMOUNT_MISMATCH: { title: "결제 금액이 주문과 달라 결제하지 않았어요", hint: "돈은 빠져나가지 않았어요. 장바구니에서 다시 주문해 주세요." },
  UNKNOWN_ORDER: { title: "주문을 찾을 수 없어요", hint: "장바구니에서 다시 주문해 주세요." },
  ORDER_CLOSED: { title: "이미 끝난 주문이에요", hint: "결제 기한이 지났거나 취소된 주문이에요. 장바구니에서 다시 주문해 주세요." },
  ALREADY_PROCESSED_ORDER: { title: "이미 다른 결제로 처리된 주문이에요", hint: "주문 내역을 확인하거나 장바구니에서 다시 주문해 주세요." },
  UNSUPPORTED_PAYMENT_TYPE: { title: "지원하지 않는 결제 방식이에요", hint: "다른 결제수단을 골라 다시 결제해 주세요." },
  CONFIRM_FAILED: { title: "결제를 마치지 못했어요", hint: "돈은 빠져나가지 않았어요. 잠시 후 다시 결제해 주세요." },
};

export type FailureView = {
  code: string;
  title: string;
  hint: string;
  /** The shopper stopped the payment themselves: not a failure, and not shown as one. */
  canceledByShopper: boolean;
};

/**
 * What /fail shows for a code: the store's own words only. The provider's `message` and anything
 * else in the URL are never shown, so a crafted link cannot put its text on the store's page.
 */
export function describeFailure(code: string | undefined, provider: Pick<PaymentProvider, "shopperFailureReason"> = paymentProvider()): FailureView {
  const reason = code ? provider.shopperFailureReason(code) : "unknown";
  const wording = (code && STORE_WORDING[code]) || WORDING_BY_REASON[reason];
  return { code: code ?? "UNKNOWN", ...wording, canceledByShopper: reason === "canceled-by-shopper" };
}

// A payment window reached again (Back, then 결제 승인 again) for an order that is paid or whose
// payment is under way: the order page is the truth, not the provider's duplicate-order refusal
// (SETTLED_OR_SETTLING).

/** Where 다시 결제하기 leads after a 바로 구매 failed: that one product again. */
export const BUY_NOW_RETRY_HREF = "/checkout?buy=now";

export type FailOutcome = { kind: "order"; orderId: string } | { kind: "failure"; failure: FailureView; retryHref: string };

/**
 * The fail redirect, decided: a PENDING order of this browser gives up (failPendingOrder); an
 * order of this browser that is paid or being confirmed leads to its page instead of a failure.
 */
export async function resolveFailRedirect(database: Database, query: FailQuery, accessCookie: string | undefined, buyNowCartId?: string): Promise<FailOutcome> {
  await failPendingOrder(database, query, accessCookie);
  const { orderId } = query;
  let retryHref = "/checkout";
  if (orderId && hasOrderAccess(accessCookie, orderId)) {
    const [order] = await database.select({ status: orders.status, cartId: orders.cartId }).from(orders).where(eq(orders.orderId, orderId)).limit(1);
    if (order && isIn(SETTLED_OR_SETTLING, order.status)) return { kind: "order", orderId };
    // A 바로 구매 tried again is that one product again, not the shopper's cart.
    if (order && buyNowCartId && order.cartId === buyNowCartId) retryHref = BUY_NOW_RETRY_HREF;
  }
  return { kind: "failure", failure: describeFailure(query.code), retryHref };
}

/**
 * The fail redirect of the money path (docs/architecture.md): when it names a PENDING order that
 * this browser placed (its signed access cookie), the order gives up: FAILED, stock released.
 * Nothing else is touched — an order that is confirming, paid or closed stays as it is. Returns
 * whether the order was failed.
 */
export async function failPendingOrder(database: Database, query: FailQuery, accessCookie: string | undefined): Promise<boolean> {
  const { orderId } = query;
  if (!orderId || !hasOrderAccess(accessCookie, orderId)) return false;
  return database.transaction(async (tx) => {
    const order = await lockOrderByOrderId(tx, orderId);
    if (!order || order.status !== "PENDING") return false;
    const failure = { code: query.code ?? "UNKNOWN", message: query.message ?? "" };
    const moved = await transitionOrder(tx, order, "FAILED", {
      type: "PAYMENT_WINDOW_FAILED",
      message: `결제창에서 결제가 완료되지 않음 (${failure.code}${failure.message ? `: ${failure.message}` : ""})`,
      data: { failure },
      actor: "shopper",
    });
    return moved !== null;
  });
}
