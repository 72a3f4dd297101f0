import { randomBytes } from "node:crypto";
import { SANDBOX_SECRET_KEY } from "@/lib/env";
import type { PaymentProvider } from "@/lib/payments";
import { createTossClient, type TossClient, type TossClientConfig } from "@/lib/payments/toss/client";
import { createTossProvider } from "@/lib/payments/toss/provider";
import { startSandbox, type SandboxOptions } from "@/sandbox/server";

/**
 * A Toss sandbox for one test file, on a free port, in memory:
 *
 *   const sandbox = await startTestSandbox();
 *   afterAll(() => sandbox.close());
 *   const { paymentKey, orderId } = await sandbox.authorize({ amount: 15000 });
 *   const payment = await sandbox.provider.confirm({ reference: paymentKey, orderId, amount: 15000 }, { idempotencyKey: "…" });
 *
 * `authorize` plays the shopper approving the payment window, leaving an IN_PROGRESS payment that
 * the store may confirm; `control` calls the rest of the sandbox's /__sandbox/ API (deposit,
 * scripted outcomes, clock).
 */
export type TestSandbox = {
  url: string;
  /** A Toss client on this sandbox with the sandbox's secret key and fast retries. */
  client: TossClient;
  /** Another client on this sandbox (other key, other timeouts, hooks). */
  clientWith(config?: Partial<TossClientConfig>): TossClient;
  /** The store's payment provider on this sandbox: what lib/orders and lib/webhooks take. */
  provider: PaymentProvider;
  /** The provider over another client on this sandbox. */
  providerWith(config?: Partial<TossClientConfig>): PaymentProvider;
  authorize(input?: AuthorizeInput): Promise<{ paymentKey: string; orderId: string; amount: number }>;
  control<T = unknown>(method: "GET" | "POST", path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
};

export type AuthorizeInput = {
  /** Default: a fresh random order id. */
  orderId?: string;
  orderName?: string;
  /** Integer KRW; default 15 000. */
  amount?: number;
  method?: "카드" | "계좌이체" | "가상계좌" | "간편결제";
  /** Virtual accounts: the bank's 2-digit code. */
  bankCode?: string;
};

export function newOrderId(): string {
  return `order_${randomBytes(9).toString("base64url")}`;
}

export async function startTestSandbox(options: Omit<SandboxOptions, "port"> = {}): Promise<TestSandbox> {
  const sandbox = await startSandbox({ ...options, port: 0 });
  const clientWith = (config: Partial<TossClientConfig> = {}) =>
    createTossClient({
      secretKey: SANDBOX_SECRET_KEY,
      baseUrl: sandbox.url,
      timeoutMs: 5_000,
      deadlineMs: 10_000,
      retry: { retries: 2, minDelayMs: 10, maxDelayMs: 50 },
      ...config,
    });

  async function control<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${sandbox.url}/__sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json: unknown = await response.json();
    if (!response.ok) throw new Error(`sandbox ${method} ${path}: HTTP ${response.status} ${JSON.stringify(json)}`);
    return json as T;
  }

  return {
    url: sandbox.url,
    client: clientWith(),
    clientWith,
    provider: createTossProvider(clientWith()),
    providerWith: (config) => createTossProvider(clientWith(config)),
    control,
    async authorize(input = {}) {
      const orderId = input.orderId ?? newOrderId();
      const amount = input.amount ?? 15_000;
      const { paymentKey } = await control<{ paymentKey: string }>("POST", "/payments/authorize", {
        orderId,
        orderName: input.orderName ?? "테스트 상품",
        amount,
        method: input.method ?? "카드",
        ...(input.bankCode !== undefined && { bankCode: input.bankCode }),
        successUrl: "http://localhost:3000/success",
      });
      return { paymentKey, orderId, amount };
    },
    close: () => sandbox.close(),
  };
}
