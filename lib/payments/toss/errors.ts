import type { PaymentFailure } from "@/lib/payments/types";

/**
 * Every failure of a Toss call is a TossError. Callers branch on the subclass (what kind of
 * failure) and read `code` only when they need the detail; `retryable` says whether the same
 * request may succeed later (docs/toss.md §2.8).
 */
export class TossError extends Error {
  override name = "TossError";
  /** Toss's error code, or one of ours: NETWORK_ERROR, TIMEOUT, ABORTED, INVALID_RESPONSE, HTTP_<status>. */
  readonly code: string;
  /** The HTTP status of Toss's answer; null when none arrived (network, timeout) or none applies. */
  readonly httpStatus: number | null;
  readonly retryable: boolean;
  /** The body as received (parsed JSON when it was JSON, else the text), for logs and support. */
  readonly raw: unknown;

  constructor(init: { code: string; message: string; httpStatus?: number | null; retryable?: boolean; raw?: unknown; cause?: unknown }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.httpStatus = init.httpStatus ?? null;
    this.retryable = init.retryable ?? false;
    this.raw = init.raw;
  }
}

/** Our keys or our account are wrong: no retry will help, an operator must act. */
export class TossAuthError extends TossError {
  override name = "TossAuthError";
}

/** The payment (or the order's payment) does not exist. */
export class TossNotFoundError extends TossError {
  override name = "TossNotFoundError";
}

/** The shopper's authentication expired (10 min) before confirm: the payment must be started again. */
export class TossSessionExpiredError extends TossNotFoundError {
  override name = "TossSessionExpiredError";
}

/** The payment was already confirmed or canceled: read it back instead of repeating the call. */
export class TossAlreadyProcessedError extends TossError {
  override name = "TossAlreadyProcessedError";
}

/** The card company or bank refused. `shopperMessage` is Toss's own wording, fit to show the shopper. */
export class TossRejectedError extends TossError {
  override name = "TossRejectedError";
  get shopperMessage(): string {
    return this.message;
  }
}

/** The request itself is wrong (amount, cancel rules, parameters): a bug or a business-rule refusal. */
export class TossInvalidRequestError extends TossError {
  override name = "TossInvalidRequestError";
}

/** Toss or the provider behind it failed for now; the same request may succeed later. */
export class TossTransientError extends TossError {
  override name = "TossTransientError";
}

/** No answer arrived (connection refused or reset, DNS). The outcome of a POST is unknown. */
export class TossNetworkError extends TossError {
  override name = "TossNetworkError";
}

/** No answer within the per-attempt timeout or the total deadline. The outcome of a POST is unknown. */
export class TossTimeoutError extends TossNetworkError {
  override name = "TossTimeoutError";
}

/** Toss answered 2xx with a body that is not the documented object (malformed JSON, missing fields). */
export class TossSchemaError extends TossError {
  override name = "TossSchemaError";
  /** What failed to validate, one line per issue. */
  readonly issues: string[];
  constructor(init: ConstructorParameters<typeof TossError>[0] & { issues?: string[] }) {
    super(init);
    this.issues = init.issues ?? [];
  }
}

type ErrorClass = new (init: ConstructorParameters<typeof TossError>[0]) => TossError;

const group = (cls: ErrorClass, retryable: boolean, codes: string[]) =>
  codes.map((code) => [code, { cls, retryable }] as const);

/** The one table mapping Toss's codes (docs/toss.md §2.1, §2.4–2.6, §2.8) to a class. */
export const TOSS_ERROR_CODES: ReadonlyMap<string, { cls: ErrorClass; retryable: boolean }> = new Map([
  ...group(TossAuthError, false, [
    "UNAUTHORIZED_KEY",
    "INVALID_API_KEY",
    "INCORRECT_BASIC_AUTH_FORMAT",
    "INVALID_CLIENT_KEY",
    "NOT_FOUND_TERMINAL_ID",
    "NOT_REGISTERED_BUSINESS",
    "INVALID_UNREGISTERED_SUBMALL",
  ]),
  ...group(TossNotFoundError, false, ["NOT_FOUND_PAYMENT", "NOT_FOUND", "UNAPPROVED_ORDER_ID"]),
  ...group(TossSessionExpiredError, false, ["NOT_FOUND_PAYMENT_SESSION"]),
  ...group(TossAlreadyProcessedError, false, [
    "ALREADY_PROCESSED_PAYMENT",
    "ALREADY_CANCELED_PAYMENT",
    "ALREADY_REFUND_PAYMENT",
    "DUPLICATED_ORDER_ID",
  ]),
  ...group(TossRejectedError, false, [
    "REJECT_CARD_PAYMENT",
    "REJECT_CARD_COMPANY",
    "REJECT_ACCOUNT_PAYMENT",
    "REJECT_TOSSPAY_INVALID_ACCOUNT",
    "INVALID_CARD_NUMBER",
    "INVALID_STOPPED_CARD",
    "INVALID_CARD_EXPIRATION",
    "INVALID_REJECT_CARD",
    "INVALID_CARD_LOST_OR_STOLEN",
    "INVALID_PASSWORD",
    "INVALID_AUTHORIZE_AUTH",
    "INVALID_ACCOUNT_INFO_RE_REGISTER",
    "EXCEED_MAX_AMOUNT",
    "EXCEED_MAX_DAILY_PAYMENT_COUNT",
    "EXCEED_MAX_PAYMENT_AMOUNT",
    "EXCEED_MAX_MONTHLY_PAYMENT_AMOUNT",
    "EXCEED_MAX_AUTH_COUNT",
    "EXCEED_MAX_ONE_DAY_AMOUNT",
    "EXCEED_MAX_ONE_DAY_WITHDRAW_AMOUNT",
    "EXCEED_MAX_ONE_TIME_WITHDRAW_AMOUNT",
    "EXCEED_MAX_CARD_INSTALLMENT_PLAN",
    "INVALID_CARD_INSTALLMENT_PLAN",
    "NOT_SUPPORTED_INSTALLMENT_PLAN_CARD_OR_MERCHANT",
    "NOT_SUPPORTED_MONTHLY_INSTALLMENT_PLAN",
    "NOT_SUPPORTED_MONTHLY_INSTALLMENT_PLAN_BELOW_AMOUNT",
    "NOT_ALLOWED_POINT_USE",
    "BELOW_MINIMUM_AMOUNT",
    "RESTRICTED_TRANSFER_ACCOUNT",
    "NOT_AVAILABLE_PAYMENT",
    "NOT_AVAILABLE_BANK",
    "FDS_ERROR",
    "REFUND_REJECTED",
  ]),
  ...group(TossInvalidRequestError, false, [
    "INVALID_REQUEST",
    "INVALID_IDEMPOTENCY_KEY",
    "FORBIDDEN_REQUEST",
    "FORBIDDEN_CONSECUTIVE_REQUEST",
    "NOT_CANCELABLE_AMOUNT",
    "NOT_CANCELABLE_PAYMENT",
    "NOT_CANCELABLE_PAYMENT_FOR_DORMANT_USER",
    "NOT_MATCHES_REFUNDABLE_AMOUNT",
    "INVALID_REFUND_ACCOUNT_INFO",
    "INVALID_REFUND_ACCOUNT_NUMBER",
    "INVALID_BANK",
    "FORBIDDEN_BANK_REFUND_REQUEST",
    "EXCEED_CANCEL_AMOUNT_DISCOUNT_AMOUNT",
    "EXCEED_MAX_REFUND_DUE",
    "EXCEED_CANCEL_LIMIT",
    "NOT_ALLOWED_PARTIAL_REFUND",
    "NOT_ALLOWED_PARTIAL_REFUND_WAITING_DEPOSIT",
  ]),
  ...group(TossTransientError, true, [
    "PROVIDER_ERROR",
    "CARD_PROCESSING_ERROR",
    "COMMON_ERROR",
    "UNKNOWN_PAYMENT_ERROR",
    "FAILED_INTERNAL_SYSTEM_PROCESSING",
    "FAILED_PAYMENT_INTERNAL_SYSTEM_PROCESSING",
    "FAILED_REFUND_PROCESS",
    "FAILED_PARTIAL_REFUND",
    "FAILED_METHOD_HANDLING_CANCEL",
    "IDEMPOTENT_REQUEST_PROCESSING",
  ]),
]);

/** The class an unknown code falls back on, from the HTTP status alone. */
function byStatus(status: number): { cls: ErrorClass; retryable: boolean } {
  if (status >= 500 || status === 429 || status === 408) return { cls: TossTransientError, retryable: true };
  if (status === 409) return { cls: TossTransientError, retryable: true };
  if (status === 401) return { cls: TossAuthError, retryable: false };
  if (status === 404) return { cls: TossNotFoundError, retryable: false };
  return { cls: TossInvalidRequestError, retryable: false };
}

/** Builds the error for a non-2xx answer. `code`/`message` are absent when the body was not Toss's error JSON. */
export function tossErrorFromResponse(
  httpStatus: number,
  body: { code?: string | undefined; message?: string | undefined },
  raw: unknown,
): TossError {
  const code = body.code ?? `HTTP_${httpStatus}`;
  const { cls, retryable } = (body.code ? TOSS_ERROR_CODES.get(body.code) : undefined) ?? byStatus(httpStatus);
  const message = body.message ?? `TossPayments answered HTTP ${httpStatus}`;
  return new cls({ code, message, httpStatus, retryable, raw });
}

/**
 * What a failed Toss call means for the store (lib/payments/types.ts): the one triage every caller
 * uses. Null for anything that is not a TossError.
 */
export function classifyTossError(error: unknown): PaymentFailure | null {
  if (!(error instanceof TossError)) return null;
  const base = { code: error.code, message: error.message, httpStatus: error.httpStatus, operatorError: false, newKeyMayHelp: false, unreadable: null };
  if (error instanceof TossAlreadyProcessedError) return { ...base, kind: "already-done" };
  if (error instanceof TossNotFoundError) return { ...base, kind: "missing" };
  if (error instanceof TossRejectedError) return { ...base, kind: "refused" };
  if (error instanceof TossInvalidRequestError || error instanceof TossAuthError) return { ...base, kind: "refused", operatorError: true };
  if (error instanceof TossSchemaError) return { ...base, kind: "unknown", unreadable: { raw: error.raw, issues: error.issues } };
  // Toss stores an answered error under its Idempotency-Key and replays it; 409 means the first
  // request is still running, and no answer (timeout, network) means it may yet go through.
  const answered = error instanceof TossTransientError && error.httpStatus !== null && error.httpStatus !== 409;
  return { ...base, kind: "unknown", newKeyMayHelp: answered };
}
