import { describe, expect, it } from "vitest";
import {
  TOSS_ERROR_CODES,
  TossAuthError,
  TossError,
  TossInvalidRequestError,
  TossNotFoundError,
  TossSessionExpiredError,
  TossTransientError,
  tossErrorFromResponse,
} from "./errors";

describe("tossErrorFromResponse", () => {
  it("maps every code in the table to its class and retryability", () => {
    for (const [code, { cls, retryable }] of TOSS_ERROR_CODES) {
      const error = tossErrorFromResponse(400, { code, message: "m" }, { code, message: "m" });
      expect(error).toBeInstanceOf(cls);
      expect(error).toBeInstanceOf(TossError);
      expect(error.retryable).toBe(retryable);
    }
  });

  it("marks exactly the transient codes of docs/toss.md §2.8 (and the 409) retryable", () => {
    const retryable = [...TOSS_ERROR_CODES].filter(([, v]) => v.retryable).map(([code]) => code).sort();
    expect(retryable).toEqual(
      [
        "CARD_PROCESSING_ERROR",
        "COMMON_ERROR",
        "FAILED_INTERNAL_SYSTEM_PROCESSING",
        "FAILED_METHOD_HANDLING_CANCEL",
        "FAILED_PARTIAL_REFUND",
        "FAILED_PAYMENT_INTERNAL_SYSTEM_PROCESSING",
        "FAILED_REFUND_PROCESS",
        "IDEMPOTENT_REQUEST_PROCESSING",
        "PROVIDER_ERROR",
        "UNKNOWN_PAYMENT_ERROR",
      ].sort(),
    );
  });

  it("falls back on the HTTP status for unknown codes", () => {
    expect(tossErrorFromResponse(503, { code: "NEW_THING", message: "m" }, null)).toBeInstanceOf(TossTransientError);
    expect(tossErrorFromResponse(503, { code: "NEW_THING", message: "m" }, null).retryable).toBe(true);
    expect(tossErrorFromResponse(401, { code: "NEW_THING", message: "m" }, null)).toBeInstanceOf(TossAuthError);
    expect(tossErrorFromResponse(404, {}, "Not Found")).toMatchObject({ code: "HTTP_404", httpStatus: 404, raw: "Not Found" });
    expect(tossErrorFromResponse(422, {}, null)).toBeInstanceOf(TossInvalidRequestError);
  });

  it("keeps the session-expired case a not-found for callers that branch coarsely", () => {
    expect(tossErrorFromResponse(404, { code: "NOT_FOUND_PAYMENT_SESSION", message: "m" }, null)).toBeInstanceOf(TossNotFoundError);
    expect(tossErrorFromResponse(404, { code: "NOT_FOUND_PAYMENT_SESSION", message: "m" }, null)).toBeInstanceOf(TossSessionExpiredError);
  });
});
