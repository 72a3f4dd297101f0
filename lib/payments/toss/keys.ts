/**
 * TossPayments keys say what they are in their prefix (docs/toss.md §2.2):
 * `{test|live}_{gck|gsk}_…` payment-widget keys, `{test|live}_{ck|sk}_…` API-individual keys,
 * and the legacy `test_ak_…` secret.
 */
export type TossKeyInfo = {
  environment: "test" | "live";
  kind: "widget" | "api";
  role: "client" | "secret";
};

const PREFIXES: Record<string, Omit<TossKeyInfo, "environment">> = {
  gck: { kind: "widget", role: "client" },
  gsk: { kind: "widget", role: "secret" },
  ck: { kind: "api", role: "client" },
  sk: { kind: "api", role: "secret" },
  ak: { kind: "api", role: "secret" },
};

/** What a key is, or null when it is not a TossPayments key. */
export function describeTossKey(key: string): TossKeyInfo | null {
  const match = /^(test|live)_(gck|gsk|ck|sk|ak)_\S+$/.exec(key.trim());
  if (!match) return null;
  const environment = match[1] as TossKeyInfo["environment"];
  const prefix = match[2]!;
  if (prefix === "ak" && environment === "live") return null;
  return { environment, ...PREFIXES[prefix]! };
}

export type TossKeyCheckInput = {
  clientKey: string;
  secretKey: string;
  apiBaseUrl: string;
  widgetSrc: string;
  isProduction: boolean;
  allowTestKeysInProduction: boolean;
};

function isLocalUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
    return host === "localhost" || host.endsWith(".localhost") || host === "::1" || host === "0.0.0.0" || /^127\./.test(host);
  } catch {
    return false;
  }
}

/**
 * Why this key configuration must not start, as one line, or null when it is fine. Refuses: keys
 * that are not Toss keys or sit in the wrong variable, a client/secret pair from different
 * environments or kinds, API-individual keys (the widget rejects them), a live key with a local
 * (sandbox) URL, and a test key in production unless explicitly allowed.
 */
export function checkTossKeys(input: TossKeyCheckInput): string | null {
  const client = describeTossKey(input.clientKey);
  const secret = describeTossKey(input.secretKey);
  if (client?.role === "secret") {
    return "TOSS_CLIENT_KEY holds a secret key, which would be sent to the browser: use the client key (…_gck_…)";
  }
  if (!client) return "TOSS_CLIENT_KEY is not a TossPayments client key (expected test_gck_… or live_gck_…)";
  if (!secret || secret.role !== "secret") {
    return "TOSS_SECRET_KEY is not a TossPayments secret key (expected test_gsk_… or live_gsk_…)";
  }
  if (client.environment !== secret.environment) {
    return `TOSS_CLIENT_KEY is a ${client.environment} key but TOSS_SECRET_KEY is a ${secret.environment} key: use a pair from the same key set`;
  }
  if (client.kind !== secret.kind) {
    return `TOSS_CLIENT_KEY is a ${client.kind === "widget" ? "payment-widget" : "API-individual"} key but TOSS_SECRET_KEY is ${secret.kind === "widget" ? "a payment-widget" : "an API-individual"} key: use a pair from the same key set`;
  }
  if (client.kind !== "widget") {
    return "TOSS_CLIENT_KEY/TOSS_SECRET_KEY are API-individual keys (…_ck_/…_sk_): the payment widget needs the widget keys (…_gck_/…_gsk_)";
  }
  if (client.environment === "live") {
    for (const [name, url] of [["TOSS_API_BASE_URL", input.apiBaseUrl], ["TOSS_WIDGET_SRC", input.widgetSrc]] as const) {
      if (isLocalUrl(url)) return `Live TossPayments keys with ${name}=${url} (a local sandbox): remove it or use test keys`;
    }
  }
  if (client.environment === "test" && input.isProduction && !input.allowTestKeysInProduction) {
    return "Test TossPayments keys in production: no real payment would be taken; set live keys, or TOSS_ALLOW_TEST_KEYS_IN_PRODUCTION=1 for a staging store";
  }
  return null;
}
