/**
 * Every behaviour that Toss leaves open (docs/toss.md marks it so) is decided here, and only
 * here, so that changing a guess is a one-line edit. sandbox/README.md lists the same decisions.
 */

/** Default key pair (the store's local defaults in lib/env.ts use the same pair). */
export const DEFAULT_CLIENT_KEY = "test_gck_jangteo_sandbox_0Ovk5rk1EwkEbP0W";
export const DEFAULT_SECRET_KEY = "test_gsk_jangteo_sandbox_OaPz8L5KdmQXkzRz";

/**
 * Keys belong to a "merchant": the part between the prefix and the last `_`
 * (`test_gsk_jangteo_sandbox_Oa…` → `jangteo_sandbox`, `test_gsk_docs_Oa…` → `docs`). A key
 * without a further `_` belongs to the shared merchant "", which matches every merchant.
 * Confirming a payment made with another merchant's client key → INVALID_API_KEY; reading or
 * cancelling another merchant's payment → NOT_FOUND_PAYMENT.
 */
export function merchantOf(key: string): string {
  const rest = key.replace(/^(test|live)_(gck|gsk|ck|sk)_/, "");
  const i = rest.lastIndexOf("_");
  return i > 0 ? rest.slice(0, i) : "";
}
export function sameMerchant(a: string, b: string): boolean {
  return a === b || a === "" || b === "";
}
/** The `mId` shown on payments: ≤ 14 chars derived from the merchant, else Toss's docs value. */
export function mIdOf(merchant: string): string {
  const m = merchant.replace(/[^A-Za-z0-9]/g, "").slice(0, 14);
  return m === "" ? "tosspayments" : m;
}

/** Secret keys of other kinds used in Basic auth: "key kinds mixed" → 400 INVALID_API_KEY. */
export const MIXED_KIND_PREFIXES = ["test_gck_", "test_ck_", "test_sk_"];

/** Confirm: unknown paymentKey, orderId ≠ session, expired or aborted session. */
export const CONFIRM_SESSION_MISSING_CODE = "NOT_FOUND_PAYMENT_SESSION";
/** Confirm: amount ≠ the authorized amount. Toss's exact code is unknown; state is unchanged. */
export const CONFIRM_AMOUNT_MISMATCH = {
  code: "INVALID_REQUEST",
  message: "결제 금액이 결제 요청 금액과 일치하지 않습니다.",
} as const;

/** Re-cancelling a fully cancelled payment. */
export const ALREADY_CANCELED_CODE = "ALREADY_CANCELED_PAYMENT";

/** Minutes a payment may stay IN_PROGRESS (authorized, unconfirmed) before it EXPIRES. */
export const CONFIRM_WINDOW_MINUTES = 10;
/** Default validity of an issued virtual account (Toss's default validHours). */
export const VIRTUAL_ACCOUNT_VALID_HOURS = 168;
/** After the due date the status stays WAITING_FOR_DEPOSIT, no webhook, `expired` flips to true. */
export const VIRTUAL_ACCOUNT_EXPIRED_FLAG = true;
/**
 * Refunds to a refund account (a deposited virtual account) complete at once unless the control
 * API put the payment in "PENDING" refund mode; then `virtualAccount.refundStatus` stays PENDING
 * until the control API completes or fails it. The cancel entry itself is `cancelStatus: "DONE"`
 * either way (balance and status change at the cancel), and the refund's end is announced with a
 * PAYMENT_STATUS_CHANGED carrying the unchanged status and the new refundStatus.
 */
export const REFUND_STATUS_AFTER_CANCEL = "COMPLETED";

/** Refund account: digits only, 6–20 of them (Toss documents ≤ 20; the minimum is ours). */
export const REFUND_ACCOUNT_NUMBER = /^\d{6,20}$/;
export const REFUND_HOLDER_NAME_MAX = 60;

/**
 * `isPartialCancelable`: false for a card payment with a taxExemptionAmount (Toss: such payments
 * cannot be partly canceled) or when authorized with the sandbox-only `partialCancelable: false`.
 * A partial cancel of such a payment → 403 NOT_ALLOWED_PARTIAL_REFUND.
 */
export const PARTIAL_REFUND_REFUSED_CODE = "NOT_ALLOWED_PARTIAL_REFUND";

/** Reason of a cancel made through the control API ("in Toss's dashboard") when none is given. */
export const DASHBOARD_CANCEL_REASON = "상점 관리자 취소";

/** `secret` is issued at confirm for every method (null before confirm and on EXPIRED). */
export const SECRET_FOR_ALL_METHODS = true;

/**
 * VAT: vat = round((total − taxFree − taxExemption) / 11),
 * suppliedAmount = total − taxFree − taxExemption − vat. After a cancel both are recomputed on
 * the remaining balance (and the remaining tax-free part).
 */
export function vatOf(total: number, taxFree: number, taxExemption: number) {
  const taxable = Math.max(0, total - taxFree - taxExemption);
  const vat = Math.round(taxable / 11);
  return { vat, suppliedAmount: taxable - vat };
}

/**
 * Webhooks. Both PAYMENT_STATUS_CHANGED and DEPOSIT_CALLBACK are "registered". A virtual account
 * sends both on issue (WAITING_FOR_DEPOSIT), deposit, deposit error and cancel.
 */
export const WEBHOOK_RETRY_MINUTES = [1, 4, 16, 64, 256, 1024, 4096];
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** `createdAt` in webhook bodies: KST without offset, 6-digit fraction (ms + "000"). */
export const WEBHOOK_CREATED_AT_STYLE = "yyyy-MM-dd'T'HH:mm:ss.SSSSSS";

/** Error bodies are `{code, message}` (no `data: null`). */
export const ERROR_BODY_HAS_DATA_NULL = false;

/** Unknown `TossPayments-Test-Code` values → 400 with that code and a generic message. */
export const UNKNOWN_TEST_CODE_STATUS = 400;

/**
 * Authorizing an orderId that already has a payment that is not EXPIRED/ABORTED →
 * DUPLICATED_ORDER_ID (fail redirect in the window, 400 on the control API).
 */
export const REUSABLE_ORDER_STATUSES = ["EXPIRED", "ABORTED"];

/**
 * Widget: the first method (카드) is preselected; the agreement checkbox starts unchecked;
 * rendering methods or agreement twice replaces the first rendering instead of throwing
 * *_ALREADY_RENDERED; the agreement widget emits 'change' (and 'agreementStatusChange'); promise
 * mode is always supported. variantKey "SANDBOX_NO_DEFAULT" renders with no method preselected.
 */
export const WIDGET_CHOICES = {
  defaultMethod: "카드",
  agreementCheckedByDefault: false,
  throwOnSecondRender: false,
  agreementEvents: ["change", "agreementStatusChange"],
  noDefaultVariantKey: "SANDBOX_NO_DEFAULT",
} as const;

/**
 * A scripted or forced confirm error aborts the payment (ABORTED + failure) when it is terminal:
 * HTTP 403, or a code starting with REJECT_/INVALID_CARD/EXCEED_. Transient ones (5xx,
 * PROVIDER_ERROR, …) leave the payment IN_PROGRESS so that a retry can succeed.
 */
export function abortsPayment(status: number, code: string): boolean {
  if (status >= 500) return false;
  return status === 403 || /^(REJECT_|INVALID_CARD|EXCEED_)/.test(code);
}

/** Bodies larger than this → 413 INVALID_REQUEST. */
export const MAX_BODY_BYTES = 64 * 1024;
/** Idempotency records live 15 days (sandbox clock). */
export const IDEMPOTENCY_TTL_MS = 15 * 24 * 60 * 60 * 1000;
export const IDEMPOTENCY_KEY_MAX = 300;
