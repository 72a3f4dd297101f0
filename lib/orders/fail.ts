import { z } from "zod";
import { db as defaultDb, type Database } from "@/db/client";
import { hasOrderAccess } from "./access";
import { ORDER_ID_PATTERN } from "./place-order";
import { lockOrderByOrderId, transitionOrder } from "./state";

/** Toss's fail redirect (toss-api.md §1.6); every part is optional and untrusted. */
export const failQuerySchema = z.object({
  code: z.string().trim().max(100).regex(/^[A-Z0-9_]+$/).optional().catch(undefined),
  message: z.string().trim().max(300).optional().catch(undefined),
  orderId: z.string().regex(ORDER_ID_PATTERN).optional().catch(undefined),
});
export type FailQuery = z.infer<typeof failQuerySchema>;

const FRIENDLY: Record<string, { title: string; hint: string; en: string }> = {
  PAY_PROCESS_CANCELED: {
    title: "결제를 취소하셨습니다",
    hint: "장바구니는 그대로 있습니다. 준비되면 다시 결제해 주세요.",
    en: "You canceled the payment. Your cart is still there.",
  },
  PAY_PROCESS_ABORTED: {
    title: "결제가 중단되었습니다",
    hint: "결제 진행 중 승인에 실패했습니다. 잠시 후 다시 시도하거나 다른 결제수단을 선택해 주세요.",
    en: "The payment was interrupted. Please try again or choose another method.",
  },
  REJECT_CARD_COMPANY: {
    title: "카드사에서 결제를 거절했습니다",
    hint: "카드 한도나 정보를 확인하거나 다른 카드·결제수단으로 다시 시도해 주세요.",
    en: "Your card company declined the payment. Try another card or method.",
  },
  AMOUNT_MISMATCH: {
    title: "결제 금액이 주문과 달라 결제하지 않았습니다",
    hint: "장바구니에서 다시 주문해 주세요.",
    en: "The amount did not match the order, so nothing was charged.",
  },
  NOT_FOUND_PAYMENT_SESSION: {
    title: "결제 시간이 지났습니다",
    hint: "결제 인증 후 시간이 너무 오래 지나 결제가 진행되지 않았습니다. 다시 결제해 주세요.",
    en: "The payment session expired before it could be completed. Please pay again.",
  },
};

export type FailureView = {
  code: string;
  title: string;
  /** Toss's own message when it gave one, else ours; shown as text (React escapes it). */
  message: string;
  hint: string;
  en: string;
};

/** What /fail shows for a code and message, with friendly words for the common codes. */
export function describeFailure(code: string | undefined, message: string | undefined): FailureView {
  const known = code ? FRIENDLY[code] : undefined;
  return {
    code: code ?? "UNKNOWN",
    title: known?.title ?? "결제가 완료되지 않았습니다",
    message: message || known?.hint || "알 수 없는 이유로 결제가 완료되지 않았습니다.",
    hint: known?.hint ?? "장바구니는 그대로 있습니다. 다시 시도해 주세요.",
    en: known?.en ?? "The payment was not completed. Your cart is still there.",
  };
}

/**
 * DESIGN.md step 5. When the fail redirect names a PENDING order that this browser placed (its
 * signed access cookie), the order gives up: FAILED, stock released. Nothing else is touched —
 * an order that is confirming, paid or closed stays as it is. Returns whether the order was failed.
 */
export async function failPendingOrder(query: FailQuery, accessCookie: string | undefined, database: Database = defaultDb): Promise<boolean> {
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
