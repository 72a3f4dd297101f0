import type { ShopperFailureReason } from "@/lib/payments/types";

/** The codes Toss's fail redirect and failed payments carry (docs/toss.md §1.6, §2.4), grouped for the shopper's page. */
const REASON_BY_CODE: Record<string, ShopperFailureReason> = {
  PAY_PROCESS_CANCELED: "canceled-by-shopper",
  USER_CANCEL: "canceled-by-shopper",
  PAY_PROCESS_ABORTED: "aborted",
  REJECT_CARD_COMPANY: "card-company-refused",
  REJECT_CARD_PAYMENT: "card-problem",
  INVALID_CARD_NUMBER: "card-problem",
  INVALID_STOPPED_CARD: "card-problem",
  INVALID_CARD_EXPIRATION: "card-problem",
  INVALID_REJECT_CARD: "card-problem",
  INVALID_CARD_LOST_OR_STOLEN: "card-problem",
  INVALID_PASSWORD: "wrong-password",
  EXCEED_MAX_AMOUNT: "limit-exceeded",
  EXCEED_MAX_DAILY_PAYMENT_COUNT: "limit-exceeded",
  EXCEED_MAX_PAYMENT_AMOUNT: "limit-exceeded",
  EXCEED_MAX_MONTHLY_PAYMENT_AMOUNT: "limit-exceeded",
  EXCEED_MAX_ONE_DAY_AMOUNT: "limit-exceeded",
  REJECT_ACCOUNT_PAYMENT: "account-refused",
  NOT_FOUND_PAYMENT_SESSION: "session-expired",
  EXPIRED_PAYMENT: "session-expired",
  INVALID_REQUEST: "invalid-request",
};

export function tossShopperFailureReason(code: string): ShopperFailureReason {
  return REASON_BY_CODE[code] ?? "unknown";
}
