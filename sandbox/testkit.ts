import { DEFAULT_SECRET_KEY } from "./choices";
import { startSandbox, type RunningSandbox, type SandboxOptions } from "./server";

/**
 * Contract-test helpers. With TOSS_CONTRACT_BASE_URL set the REST tests run against that server
 * (e.g. Toss's own test API with TOSS_CONTRACT_SECRET_KEY); tests that need the control API
 * (authorize without a browser, the bank, the clock) only run against a sandbox.
 */
export const remoteBaseUrl = process.env.TOSS_CONTRACT_BASE_URL?.replace(/\/+$/, "") || undefined;
if (remoteBaseUrl && !process.env.TOSS_CONTRACT_SECRET_KEY) {
  // The sandbox's own key would only earn UNAUTHORIZED_KEY from another server, in every test.
  throw new Error("TOSS_CONTRACT_BASE_URL is set: set TOSS_CONTRACT_SECRET_KEY to a test secret key of that server too (docs/testing.md)");
}
export const secretKey = process.env.TOSS_CONTRACT_SECRET_KEY || DEFAULT_SECRET_KEY;

export function basic(key: string, colon = true): string {
  return `Basic ${Buffer.from(colon ? `${key}:` : key).toString("base64")}`;
}

export interface Res<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export class Client {
  constructor(
    readonly baseUrl: string,
    readonly key = secretKey,
  ) {}

  async call<T = Record<string, unknown>>(
    method: string,
    path: string,
    opts: { body?: unknown; raw?: string; headers?: Record<string, string>; auth?: string | null } = {},
  ): Promise<Res<T>> {
    const headers: Record<string, string> = { "content-type": "application/json", ...opts.headers };
    const auth = opts.auth === undefined ? basic(this.key) : opts.auth;
    if (auth !== null) headers.authorization = auth;
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: body as T, headers: res.headers };
  }
  post<T = Record<string, unknown>>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.call<T>("POST", path, { body, headers });
  }
  get<T = Record<string, unknown>>(path: string, headers?: Record<string, string>) {
    return this.call<T>("GET", path, { headers });
  }
}

let seq = 0;
export function orderId(prefix = "ct"): string {
  return `${prefix}_${Date.now().toString(36)}_${process.pid}_${(seq++).toString(36)}`;
}

export interface Authorized {
  paymentKey: string;
  orderId: string;
  amount: number;
  successUrl: string;
}

/** The sandbox under test plus a client for its REST and control APIs. */
export async function sandboxUnderTest(options: SandboxOptions = {}) {
  const running: RunningSandbox = await startSandbox({ port: 0, ...options });
  const api = new Client(running.url);
  return {
    running,
    url: running.url,
    api,
    close: () => running.close(),
    async authorize(input: Record<string, unknown> = {}): Promise<Authorized> {
      const id = (input.orderId as string | undefined) ?? orderId();
      const amount = (input.amount as number | undefined) ?? 15000;
      const res = await api.post<{ paymentKey: string; successUrl: string }>("/__sandbox/payments/authorize", {
        orderId: id,
        orderName: "생수 외 1건",
        amount,
        method: "카드",
        successUrl: "http://localhost:3000/success",
        ...input,
      });
      if (res.status !== 200) throw new Error(`authorize failed: ${res.status} ${JSON.stringify(res.body)}`);
      return { paymentKey: res.body.paymentKey, orderId: id, amount, successUrl: res.body.successUrl };
    },
    confirm(a: Authorized, headers?: Record<string, string>) {
      return api.post("/v1/payments/confirm", { paymentKey: a.paymentKey, orderId: a.orderId, amount: a.amount }, headers);
    },
  };
}

/**
 * Polls `fn` until it returns something other than undefined or false, for at most `timeoutMs`;
 * the error then names what was awaited (`what`, or the condition's own source).
 */
export async function waitFor<T>(fn: () => Promise<T | undefined> | T | undefined, what?: string, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`waited ${timeoutMs} ms for ${what ?? fn.toString().replace(/\s+/g, " ")}, in vain`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
