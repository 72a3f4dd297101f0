import { describe, expect, it } from "vitest";
import { ConfigError, resolveEnv, SANDBOX_CLIENT_KEY, SANDBOX_SECRET_KEY } from "@/lib/env";
import { checkTossKeys, describeTossKey, type TossKeyCheckInput } from "./keys";

const base: TossKeyCheckInput = {
  clientKey: "test_gck_docs_Ovk5rk1EwkEbP0W43n07xlzm",
  secretKey: "test_gsk_docs_OaPz8L5KdmQXkzRz3y47BMw6",
  apiBaseUrl: "https://api.tosspayments.com",
  widgetSrc: "https://js.tosspayments.com/v1/payment-widget",
  isProduction: false,
  allowTestKeysInProduction: false,
};
const live = { clientKey: "live_gck_abcDEF123", secretKey: "live_gsk_abcDEF123" };

describe("describeTossKey", () => {
  it("reads environment, kind and role from the prefix", () => {
    expect(describeTossKey("test_gck_x1")).toEqual({ environment: "test", kind: "widget", role: "client" });
    expect(describeTossKey("live_gsk_x1")).toEqual({ environment: "live", kind: "widget", role: "secret" });
    expect(describeTossKey("test_ck_D5GePWvyJnrK0W0k6q8gLzN97Eoq")).toEqual({ environment: "test", kind: "api", role: "client" });
    expect(describeTossKey("live_sk_x1")).toEqual({ environment: "live", kind: "api", role: "secret" });
    expect(describeTossKey("test_ak_ZORzdMaqN3wQd5k6ygr5AkYXQGwy")).toEqual({ environment: "test", kind: "api", role: "secret" });
    for (const bad of ["", "gck_x", "prod_gck_x", "test_gck_", "sk_live_x"]) expect(describeTossKey(bad)).toBeNull();
  });
});

describe("checkTossKeys", () => {
  it("accepts a test widget pair, and a live pair on Toss's URLs in production", () => {
    expect(checkTossKeys(base)).toBeNull();
    expect(checkTossKeys({ ...base, ...live, isProduction: true })).toBeNull();
  });

  it.each([
    ["mixed environments", { secretKey: "live_gsk_abc" }, /test key but TOSS_SECRET_KEY is a live key/],
    ["mixed kinds", { secretKey: "test_sk_abc" }, /payment-widget key but TOSS_SECRET_KEY is an API-individual key/],
    ["API-individual pair", { clientKey: "test_ck_abc", secretKey: "test_sk_abc" }, /widget needs the widget keys/],
    ["secret key as client key", { clientKey: "test_gsk_abc" }, /holds a secret key/],
    ["client key as secret key", { secretKey: "test_gck_abc" }, /TOSS_SECRET_KEY is not a TossPayments secret key/],
    ["garbage client key", { clientKey: "hello" }, /TOSS_CLIENT_KEY is not a TossPayments client key/],
    ["live keys on the sandbox API", { ...live, apiBaseUrl: "http://127.0.0.1:4100" }, /Live TossPayments keys with TOSS_API_BASE_URL/],
    ["live keys on a localhost widget", { ...live, widgetSrc: "http://localhost:4100/v1/payment-widget" }, /TOSS_WIDGET_SRC/],
    ["test keys in production", { isProduction: true }, /Test TossPayments keys in production/],
  ] as const)("refuses %s with one line", (_name, override, message) => {
    const problem = checkTossKeys({ ...base, ...override });
    expect(problem).toMatch(message);
    expect(problem).not.toContain("\n");
  });

  it("allows test keys in production with the explicit opt-in", () => {
    expect(checkTossKeys({ ...base, isProduction: true, allowTestKeysInProduction: true })).toBeNull();
  });
});

describe("resolveEnv runs the key check", () => {
  it("starts on the sandbox keys by default", () => {
    const e = resolveEnv({ NODE_ENV: "development" });
    expect(e.toss).toMatchObject({ clientKey: SANDBOX_CLIENT_KEY, secretKey: SANDBOX_SECRET_KEY, apiBaseUrl: "http://127.0.0.1:4100" });
  });

  it("refuses a mismatched pair with a ConfigError", () => {
    expect(() => resolveEnv({ TOSS_CLIENT_KEY: "test_gck_a", TOSS_SECRET_KEY: "live_gsk_b" })).toThrow(ConfigError);
  });

  it("refuses live keys pointed at the sandbox", () => {
    expect(() => resolveEnv({ TOSS_CLIENT_KEY: "live_gck_a", TOSS_SECRET_KEY: "live_gsk_b", TOSS_API_BASE_URL: "http://127.0.0.1:4100" })).toThrow(
      /Live TossPayments keys/,
    );
  });

  it("refuses test keys in production unless opted in, but lets `next build` through", () => {
    expect(() => resolveEnv({ NODE_ENV: "production", AUTH_SECRET: "s" })).toThrow(/Test TossPayments keys in production/);
    expect(resolveEnv({ NODE_ENV: "production", AUTH_SECRET: "s", TOSS_ALLOW_TEST_KEYS_IN_PRODUCTION: "1" }).toss.allowTestKeysInProduction).toBe(true);
    expect(() => resolveEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" })).not.toThrow();
  });
});
