import { z } from "zod";
import { databaseSettingsSchema } from "@/db/settings";
import { checkTossKeys } from "./payments/toss/keys";

/**
 * The key pair the bundled Toss sandbox ships with (sandbox/README.md). They are test keys of the
 * sandbox, not secrets: with them, and with no Toss URL configured, the store talks to the sandbox.
 */
export const SANDBOX_CLIENT_KEY = "test_gck_jangteo_sandbox_0Ovk5rk1EwkEbP0W";
export const SANDBOX_SECRET_KEY = "test_gsk_jangteo_sandbox_OaPz8L5KdmQXkzRz";
export const TOSS_API_URL = "https://api.tosspayments.com";
export const TOSS_WIDGET_URL = "https://js.tosspayments.com/v1/payment-widget";
/** Kakao's (Daum's) postcode service script, which defines `daum.Postcode`. */
export const DAUM_POSTCODE_URL = "https://t1.daumcdn.net/mapjsapi/bundle/postcode/prod/postcode.v2.js";

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();
const optionalUrl = optionalString.pipe(z.url().optional());
const port = z.coerce.number().int().min(1).max(65535);
const positiveInt = z.coerce.number().int().positive();
const flag = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .optional()
  .transform((v) => v === "1" || v === "true" || v === "yes");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  // DATABASE_URL, DATABASE_POOL_SIZE, PGLITE_DIR: db/ reads them itself when it connects (it may not import lib/).
  ...databaseSettingsSchema.shape,
  /** pino's level; tests default to warn to keep their output readable. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  /** Where uploaded product images are stored. */
  UPLOAD_DIR: optionalString,
  TOSS_CLIENT_KEY: optionalString,
  TOSS_SECRET_KEY: optionalString,
  TOSS_API_BASE_URL: optionalUrl,
  TOSS_WIDGET_SRC: optionalUrl,
  /** Lets a production build run on test keys (a staging store). */
  TOSS_ALLOW_TEST_KEYS_IN_PRODUCTION: flag,
  TOSS_TIMEOUT_MS: positiveInt.default(10_000),
  SANDBOX_PORT: port.default(4100),
  SANDBOX_WEBHOOK_URL: optionalUrl,
  AUTH_SECRET: optionalString,
  ADMIN_EMAIL: optionalString.pipe(z.email().optional()),
  /** At least 10 characters, like every back-office password (lib/auth/password.ts). */
  ADMIN_PASSWORD: optionalString.pipe(z.string().min(10, "must be at least 10 characters").optional()),
  APP_URL: z.url().default("http://localhost:3000"),
  ORDER_MIN_AMOUNT: z.coerce.number().int().nonnegative().default(100),
  ORDER_MAX_AMOUNT: positiveInt.default(10_000_000),
  PENDING_ORDER_TTL_MINUTES: positiveInt.default(30),
  /** A parcel not marked delivered counts as delivered this many days after it was shipped. */
  DELIVERED_AFTER_DAYS: positiveInt.default(3),
  /** A delivered order the shopper has not confirmed is confirmed (구매 확정) this many days after delivery. */
  PURCHASE_CONFIRM_AFTER_DAYS: positiveInt.default(8),
  SWEEPER_INTERVAL_SECONDS: z.coerce.number().int().nonnegative().default(60),
  SHIPPING_FEE: z.coerce.number().int().nonnegative().default(3000),
  FREE_SHIPPING_THRESHOLD: z.coerce.number().int().nonnegative().default(30000),
  /** Script defining `daum.Postcode`; protocol-relative URLs are taken as https. */
  POSTCODE_SCRIPT_SRC: optionalString.transform((v) => (v?.startsWith("//") ? `https:${v}` : v)).pipe(z.url().optional()),
  // The seller's details that Korean e-commerce law asks every store page to show.
  BUSINESS_NAME: optionalString,
  BUSINESS_REPRESENTATIVE: optionalString,
  BUSINESS_REGISTRATION_NUMBER: optionalString,
  MAIL_ORDER_REGISTRATION_NUMBER: optionalString,
  BUSINESS_ADDRESS: optionalString,
  BUSINESS_PHONE: optionalString,
  BUSINESS_EMAIL: optionalString,
  BUSINESS_HOURS: optionalString,
  /** Webhook deliveries and abandoned carts are deleted after this many days. */
  RETENTION_DAYS: positiveInt.default(90),
  /** Webhook deliveries one server process handles at once (unset: 32 on PostgreSQL, 2 on PGlite; lib/admission.ts). */
  WEBHOOK_MAX_IN_FLIGHT: positiveInt.optional(),
  /** Unpaid orders holding stock that one client address may have open at once (0 = no limit). */
  UNPAID_ORDERS_PER_ADDRESS: z.coerce.number().int().nonnegative().optional(),
  /** The earlier name of UNPAID_ORDERS_PER_ADDRESS, still read so existing settings keep working. */
  UNPAID_ORDERS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().nonnegative().optional(),
  /** The header a trusted reverse proxy sets to the client's address; unset → the socket address. */
  TRUSTED_PROXY_HEADER: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9-]{1,64}$/, "must be a header name")
      .transform((v) => v.toLowerCase())
      .optional(),
  ),
});

export type Env = ReturnType<typeof resolveEnv>;

export class ConfigError extends Error {}

/** Parses the environment once; derived values (the Toss endpoints) are resolved here too. */
export function resolveEnv(source: Record<string, string | undefined> = process.env) {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Invalid configuration: ${issue.path.join(".")}: ${issue.message}`);
  }
  const e = parsed.data;
  const clientKey = e.TOSS_CLIENT_KEY ?? SANDBOX_CLIENT_KEY;
  const secretKey = e.TOSS_SECRET_KEY ?? SANDBOX_SECRET_KEY;
  const usesSandboxKeys = clientKey === SANDBOX_CLIENT_KEY && secretKey === SANDBOX_SECRET_KEY;
  const sandboxUrl = `http://127.0.0.1:${e.SANDBOX_PORT}`;
  const isProduction = e.NODE_ENV === "production";
  const isLive = clientKey.startsWith("live_") || secretKey.startsWith("live_");

  // `next build` runs with NODE_ENV=production too, but signs nothing.
  const isProductionServer = isProduction && source.NEXT_PHASE !== "phase-production-build";
  if (isProductionServer && !e.AUTH_SECRET) throw new ConfigError("Missing required configuration in production: AUTH_SECRET");
  if (isProduction && isLive) {
    for (const name of ["AUTH_SECRET", "TOSS_CLIENT_KEY", "TOSS_SECRET_KEY", "APP_URL"] as const) {
      if (!source[name]?.trim()) throw new ConfigError(`Missing required configuration in production: ${name}`);
    }
  }

  const apiBaseUrl = (e.TOSS_API_BASE_URL ?? (usesSandboxKeys ? sandboxUrl : TOSS_API_URL)).replace(/\/+$/, "");
  const widgetSrc = e.TOSS_WIDGET_SRC ?? (usesSandboxKeys ? `${sandboxUrl}/v1/payment-widget` : TOSS_WIDGET_URL);
  // Same rule as the widget: the sandbox's stand-in with the sandbox keys, Kakao's service otherwise.
  const postcodeSrc = e.POSTCODE_SCRIPT_SRC ?? (usesSandboxKeys ? `${sandboxUrl}/postcode/postcode.v2.js` : DAUM_POSTCODE_URL);
  const keyProblem = checkTossKeys({
    clientKey,
    secretKey,
    apiBaseUrl,
    widgetSrc,
    // The test-key rule is for servers, not for `next build`.
    isProduction: isProductionServer,
    allowTestKeysInProduction: e.TOSS_ALLOW_TEST_KEYS_IN_PRODUCTION,
  });
  if (keyProblem) throw new ConfigError(keyProblem);

  return {
    ...e,
    appUrl: e.APP_URL.replace(/\/+$/, ""),
    toss: {
      clientKey,
      secretKey,
      usesSandboxKeys,
      apiBaseUrl,
      widgetSrc,
      timeoutMs: e.TOSS_TIMEOUT_MS,
      allowTestKeysInProduction: e.TOSS_ALLOW_TEST_KEYS_IN_PRODUCTION,
    },
    shipping: { fee: e.SHIPPING_FEE, freeThreshold: e.FREE_SHIPPING_THRESHOLD },
    unpaidOrdersPerAddress: e.UNPAID_ORDERS_PER_ADDRESS ?? e.UNPAID_ORDERS_PER_ADDRESS_PER_HOUR ?? 10,
    /** `origin` is for the Content-Security-Policy (script-src and frame-src). */
    postcode: { scriptSrc: postcodeSrc, origin: new URL(postcodeSrc).origin },
    business: {
      name: e.BUSINESS_NAME ?? "장터",
      representative: e.BUSINESS_REPRESENTATIVE ?? "김장터",
      registrationNumber: e.BUSINESS_REGISTRATION_NUMBER ?? "000-00-00000",
      mailOrderNumber: e.MAIL_ORDER_REGISTRATION_NUMBER ?? "제2026-서울강남-0000호",
      address: e.BUSINESS_ADDRESS ?? "서울특별시 강남구 테헤란로 131, 15층",
      phone: e.BUSINESS_PHONE ?? "02-0000-0000",
      email: e.BUSINESS_EMAIL ?? "help@jangteo.example",
      hours: e.BUSINESS_HOURS ?? "평일 10:00–17:00 (점심 12:00–13:00, 주말·공휴일 휴무)",
    },
    sandbox: {
      port: e.SANDBOX_PORT,
      url: sandboxUrl,
      webhookUrl: e.SANDBOX_WEBHOOK_URL ?? `${e.APP_URL.replace(/\/+$/, "")}/api/webhooks/toss`,
    },
  };
}

type Settings = z.output<typeof schema>;

/**
 * One setting, checked by the same schema, without parsing (or failing on) the others: for code
 * that runs before the configuration is known to be complete (the logger is loaded by everything,
 * including the code that reports a bad configuration) or whose setting a test changes.
 */
export function setting<K extends keyof Settings>(name: K, source: Record<string, string | undefined> = process.env): Settings[K] {
  const parsed = schema.shape[name].safeParse(source[name]);
  if (!parsed.success) throw new ConfigError(`Invalid configuration: ${String(name)}: ${parsed.error.issues[0]!.message}`);
  return parsed.data as Settings[K];
}

let cached: Env | undefined;

/** The configuration, parsed on first use. */
export function env(): Env {
  return (cached ??= resolveEnv());
}
