import "server-only";
import pRetry from "p-retry";
import { env } from "@/lib/env";
import {
  TossError,
  TossInvalidRequestError,
  TossNetworkError,
  TossSchemaError,
  TossTimeoutError,
  tossErrorFromResponse,
} from "./errors";
import { formatIssues, PaymentSchema, TossErrorBodySchema, type Payment } from "./models";

export type RetryOptions = {
  /** Retries after the first attempt (0 disables retrying). Default 3. */
  retries?: number;
  /** Delay before the first retry; each next one is `factor` times longer. Default 300 ms. */
  minDelayMs?: number;
  maxDelayMs?: number;
  factor?: number;
  /** Multiply each delay by a random factor in [1, 2) so clients do not retry in lockstep. Default true. */
  jitter?: boolean;
};

export type TossRequestInfo = { method: "GET" | "POST"; path: string; attempt: number; idempotencyKey?: string };

export type TossClientConfig = {
  secretKey: string;
  /** e.g. https://api.tosspayments.com, or the sandbox's http://127.0.0.1:4100 */
  baseUrl: string;
  /** Per attempt. Default 10 s. */
  timeoutMs?: number;
  /** Total time for one call, retries included, so a checkout never hangs. Default 25 s. */
  deadlineMs?: number;
  retry?: RetryOptions;
  /** Called before every attempt (logging, metrics). The module itself logs nothing. */
  onRequest?: (info: TossRequestInfo) => void;
  /** Called when a failed attempt is about to be retried. */
  onRetry?: (info: TossRequestInfo & { error: TossError }) => void;
  /** For tests: a fetch to use instead of the global one. */
  fetch?: typeof fetch;
};

/** Per-call options. */
export type CallOptions = { signal?: AbortSignal; deadlineMs?: number };
/** POSTs carry an Idempotency-Key (≤ 300 chars, one per business operation, reused on retry). */
export type IdempotentCallOptions = CallOptions & { idempotencyKey: string };

export type ConfirmPaymentInput = { paymentKey: string; orderId: string; amount: number };
export type RefundReceiveAccount = { bank: string; accountNumber: string; holderName: string };
export type CancelPaymentInput = {
  cancelReason: string;
  /** Omit for a full cancel of the remaining balance. */
  cancelAmount?: number;
  /** Required for a virtual-account payment that was already deposited. */
  refundReceiveAccount?: RefundReceiveAccount;
  /** The balance the caller believes is left: Toss refuses the cancel when it differs (NOT_MATCHES_REFUNDABLE_AMOUNT). */
  refundableAmount?: number;
};

export type TossClient = {
  confirmPayment(input: ConfirmPaymentInput, options: IdempotentCallOptions): Promise<Payment>;
  getPayment(paymentKey: string, options?: CallOptions): Promise<Payment>;
  getPaymentByOrderId(orderId: string, options?: CallOptions): Promise<Payment>;
  cancelPayment(paymentKey: string, input: CancelPaymentInput, options: IdempotentCallOptions): Promise<Payment>;
};

const MAX_IDEMPOTENCY_KEY_LENGTH = 300;
const MIN_ATTEMPT_MS = 20;

/** `Basic base64("{secretKey}:")`: the secret is the user name, the password is empty, the colon is required. */
export function basicAuthHeader(secretKey: string): string {
  return `Basic ${Buffer.from(`${secretKey}:`, "utf8").toString("base64")}`;
}

export function createTossClient(config: TossClientConfig): TossClient {
  const baseUrl = config.baseUrl.replace(/\/+$/, "");
  const authorization = basicAuthHeader(config.secretKey);
  const timeoutMs = config.timeoutMs ?? 10_000;
  const defaultDeadlineMs = config.deadlineMs ?? 25_000;
  const retry = { retries: 3, minDelayMs: 300, maxDelayMs: 3_000, factor: 2, jitter: true, ...config.retry };
  const doFetch = config.fetch ?? fetch;

  async function attempt(
    info: TossRequestInfo,
    body: unknown,
    attemptSignal: AbortSignal,
  ): Promise<Payment> {
    config.onRequest?.(info);
    const headers: Record<string, string> = { Authorization: authorization, Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (info.idempotencyKey !== undefined) headers["Idempotency-Key"] = info.idempotencyKey;

    let status: number;
    let text: string;
    try {
      const response = await doFetch(`${baseUrl}${info.path}`, {
        method: info.method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: attemptSignal,
        redirect: "error",
        cache: "no-store",
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      throw transportError(error, attemptSignal, info);
    }

    let json: unknown;
    let isJson = true;
    try {
      json = JSON.parse(text);
    } catch {
      isJson = false;
    }

    if (status >= 200 && status < 300) {
      if (!isJson) {
        throw new TossSchemaError({ code: "INVALID_RESPONSE", message: `TossPayments answered ${info.method} ${info.path} with a body that is not JSON`, httpStatus: status, raw: text, issues: ["body is not JSON"] });
      }
      const parsed = PaymentSchema.safeParse(json);
      if (!parsed.success) {
        const issues = formatIssues(parsed.error);
        throw new TossSchemaError({ code: "INVALID_RESPONSE", message: `TossPayments answered ${info.method} ${info.path} with an unexpected Payment: ${issues[0]}`, httpStatus: status, raw: json, issues });
      }
      return parsed.data;
    }

    const errorBody = isJson ? TossErrorBodySchema.safeParse(json) : undefined;
    throw tossErrorFromResponse(status, errorBody?.success ? errorBody.data : {}, isJson ? json : text);
  }

  async function request(
    method: "GET" | "POST",
    path: string,
    body: unknown,
    options: CallOptions & { idempotencyKey?: string },
  ): Promise<Payment> {
    const { idempotencyKey, signal } = options;
    if (idempotencyKey !== undefined && (idempotencyKey.length === 0 || idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH)) {
      throw new TossInvalidRequestError({ code: "INVALID_IDEMPOTENCY_KEY", message: `Idempotency-Key must be 1–${MAX_IDEMPOTENCY_KEY_LENGTH} characters` });
    }
    // Repeating is safe only when Toss dedupes it: GETs, and POSTs with an Idempotency-Key.
    const repeatable = method === "GET" || idempotencyKey !== undefined;
    // Toss stores the first answer to an Idempotency-Key, errors included, and replays it: a POST
    // is worth repeating under the same key only when no answer was stored (no response, a
    // timeout) or the first request is still running (409). An answered transient error on a POST
    // reaches the caller, who may repeat the operation under a new key.
    const worthRepeating = (error: TossError) =>
      method === "GET" || error instanceof TossNetworkError || error.code === "IDEMPOTENT_REQUEST_PROCESSING";
    const deadlineMs = options.deadlineMs ?? defaultDeadlineMs;
    // Timers and controllers, not AbortSignal.timeout: an unreferenced timeout signal inside
    // AbortSignal.any can be garbage-collected before it fires (Node 20), and the call then hangs.
    const deadlineController = new AbortController();
    const deadlineTimer = setTimeout(
      () => deadlineController.abort(new DOMException(`deadline of ${deadlineMs} ms`, "TimeoutError")),
      Math.max(1, Math.ceil(deadlineMs)),
    );
    const deadline = deadlineController.signal;
    const outer = signal ? AbortSignal.any([deadline, signal]) : deadline;
    const startedAt = performance.now();

    const run = async (attemptNumber: number) => {
      const info: TossRequestInfo = { method, path, attempt: attemptNumber, ...(idempotencyKey !== undefined && { idempotencyKey }) };
      const remaining = deadlineMs - (performance.now() - startedAt);
      // An attempt started in the deadline's last milliseconds could only reach Toss and be abandoned.
      if (remaining < MIN_ATTEMPT_MS || deadline.aborted) {
        throw new TossTimeoutError({ code: "TIMEOUT", message: `TossPayments did not answer ${method} ${path} within the ${deadlineMs} ms deadline`, retryable: true });
      }
      signal?.throwIfAborted();
      const attemptController = new AbortController();
      const stop = () => attemptController.abort(outer.reason);
      outer.addEventListener("abort", stop, { once: true });
      const attemptMs = Math.max(1, Math.ceil(Math.min(timeoutMs, remaining)));
      const timer = setTimeout(() => attemptController.abort(new DOMException(`attempt timeout of ${attemptMs} ms`, "TimeoutError")), attemptMs);
      try {
        return await attempt(info, body, attemptController.signal);
      } finally {
        clearTimeout(timer);
        outer.removeEventListener("abort", stop);
      }
    };

    try {
      return await pRetry(run, {
        retries: repeatable ? retry.retries : 0,
        minTimeout: retry.minDelayMs,
        maxTimeout: retry.maxDelayMs,
        factor: retry.factor,
        randomize: retry.jitter,
        maxRetryTime: deadlineMs,
        signal: outer,
        shouldRetry: ({ error, attemptNumber }) => {
          const retryable = error instanceof TossError && error.retryable && worthRepeating(error) && !signal?.aborted;
          if (retryable) config.onRetry?.({ method, path, attempt: attemptNumber, error, ...(idempotencyKey !== undefined && { idempotencyKey }) });
          return retryable;
        },
      });
    } catch (error) {
      if (error instanceof TossError) throw error;
      // p-retry rethrows the signal's reason when the deadline or the caller aborts during a backoff.
      throw transportError(error, outer, { method, path });
    } finally {
      clearTimeout(deadlineTimer);
    }
  }

  function transportError(error: unknown, attemptSignal: AbortSignal, info: Pick<TossRequestInfo, "method" | "path">): TossError {
    if (error instanceof TossError) return error;
    const what = `${info.method} ${info.path}`;
    const name = error instanceof Error ? error.name : "";
    if (attemptSignal.aborted && (name === "TimeoutError" || name === "AbortError")) {
      const reason: unknown = attemptSignal.reason;
      const timedOut = reason instanceof Error && reason.name === "TimeoutError";
      if (timedOut || name === "TimeoutError") {
        return new TossTimeoutError({ code: "TIMEOUT", message: `TossPayments did not answer ${what} in time`, retryable: true, cause: error });
      }
      return new TossNetworkError({ code: "ABORTED", message: `The call ${what} was aborted`, retryable: false, cause: error });
    }
    const detail = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    return new TossNetworkError({ code: "NETWORK_ERROR", message: `Could not reach TossPayments for ${what}: ${detail}`, retryable: true, cause: error });
  }

  const seg = encodeURIComponent;

  return {
    confirmPayment({ paymentKey, orderId, amount }, options) {
      if (!Number.isSafeInteger(amount) || amount <= 0) {
        return Promise.reject(new TossInvalidRequestError({ code: "INVALID_REQUEST", message: `confirmPayment: amount must be a positive integer of KRW, got ${amount}` }));
      }
      return request("POST", "/v1/payments/confirm", { paymentKey, orderId, amount }, options);
    },
    getPayment(paymentKey, options = {}) {
      return request("GET", `/v1/payments/${seg(paymentKey)}`, undefined, options);
    },
    getPaymentByOrderId(orderId, options = {}) {
      return request("GET", `/v1/payments/orders/${seg(orderId)}`, undefined, options);
    },
    cancelPayment(paymentKey, { cancelReason, cancelAmount, refundReceiveAccount, refundableAmount }, options) {
      if (cancelAmount !== undefined && (!Number.isSafeInteger(cancelAmount) || cancelAmount <= 0)) {
        return Promise.reject(new TossInvalidRequestError({ code: "INVALID_REQUEST", message: `cancelPayment: cancelAmount must be a positive integer of KRW, got ${cancelAmount}` }));
      }
      const body = {
        cancelReason,
        ...(cancelAmount !== undefined && { cancelAmount }),
        ...(refundReceiveAccount !== undefined && { refundReceiveAccount }),
        ...(refundableAmount !== undefined && { refundableAmount }),
      };
      return request("POST", `/v1/payments/${seg(paymentKey)}/cancel`, body, options);
    },
  };
}

let singleton: TossClient | undefined;

/** The store's client, configured from the environment on first use. */
export function tossClient(): TossClient {
  if (!singleton) {
    const { secretKey, apiBaseUrl, timeoutMs } = env().toss;
    singleton = createTossClient({ secretKey, baseUrl: apiBaseUrl, timeoutMs });
  }
  return singleton;
}
