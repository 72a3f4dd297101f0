import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import { checkoutWith, type checkoutForm } from "./payment-helpers";
import { e2eUrls } from "./ports";

/**
 * Playwright fixtures for checkout tests over the Toss sandbox (docs/testing.md):
 *   `checkout.start(slug)` puts a product in the cart, fills the order form and opens the payment
 *   window, where the shopper approves, declines or cancels;
 *   `sandbox` plays Toss, the bank and the clock through the sandbox's control API
 *   (sandbox/control.ts, listed in sandbox/README.md).
 */
export { expect };

/** One scripted answer of the sandbox's Toss API: an error (status, code, message), a delay, or both. */
export type Fault = { status?: number; code?: string; message?: string; delayMs?: number };

export type SandboxPayment = {
  paymentKey: string;
  orderId: string;
  status: string;
  method: string | null;
  totalAmount: number;
  balanceAmount: number;
  cancels: { cancelAmount: number; cancelReason: string }[] | null;
  virtualAccount: { bankCode: string; accountNumber: string; refundStatus: string; expired: boolean } | null;
};
type CallCounter = { total: number; executed: number; replayed: number; inFlightRejected: number; succeeded: number };
/** A payment as the sandbox (Toss's side) holds it, with how many REST calls reached it. */
export type SandboxView = { payment: SandboxPayment; sandbox: { calls: { confirm: CallCounter; cancel: CallCounter; get: number }; dashboardCancels: number } };
export type WebhookDelivery = { id: string; eventType: string; status: "PENDING" | "SUCCEEDED" | "FAILED" | "NO_ENDPOINT"; attempts: { statusCode: number | null }[] };
export type RefundAccount = { bank: string; accountNumber: string; holderName: string };

/** Toss, its bank and its clock, driven by a test through the sandbox's control API. */
export class Sandbox {
  constructor(
    private readonly request: APIRequestContext,
    readonly url: string = e2eUrls.sandbox,
  ) {}

  private async call<T>(method: "GET" | "POST", path: string, data?: unknown): Promise<T> {
    const response = await this.request.fetch(`${this.url}/__sandbox${path}`, { method, data: method === "POST" ? (data ?? {}) : undefined });
    if (!response.ok()) throw new Error(`the sandbox answered ${method} ${path} with ${response.status()}: ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** The payment of an order as Toss holds it; fails unless there is exactly one. */
  async payment(orderId: string): Promise<SandboxView> {
    const { payments } = await this.call<{ payments: SandboxView[] }>("GET", `/payments?orderId=${encodeURIComponent(orderId)}`);
    if (payments.length !== 1) throw new Error(`the sandbox holds ${payments.length} payments for order ${orderId}, not one`);
    return payments[0]!;
  }

  /** The shopper pays into the order's virtual account (the whole amount unless `amount` says otherwise). */
  deposit(orderId: string, options: { amount?: number; depositorName?: string } = {}): Promise<SandboxPayment> {
    return this.call("POST", `/virtual-accounts/${encodeURIComponent(orderId)}/deposit`, options);
  }

  /**
   * The merchant cancels in Toss's own dashboard, outside the store: Toss's cancel rules and
   * webhooks, no call from the store. Without `cancelAmount` the whole balance.
   */
  async dashboardCancel(orderId: string, cancel: { cancelReason?: string; cancelAmount?: number; refundReceiveAccount?: RefundAccount } = {}): Promise<SandboxPayment> {
    const { payment } = await this.payment(orderId);
    return this.call("POST", `/payments/${encodeURIComponent(payment.paymentKey)}/cancel`, cancel);
  }

  /**
   * Makes the next confirm or cancel calls for this order's payment fail or wait, one entry per
   * call, in order. Works before the shopper approves (the payment does not exist yet) and after.
   */
  async injectFault(orderId: string, faults: { confirm?: Fault[]; cancel?: Fault[] }): Promise<void> {
    const { payments } = await this.call<{ payments: SandboxView[] }>("GET", `/payments?orderId=${encodeURIComponent(orderId)}`);
    const live = payments.find((p) => !["EXPIRED", "ABORTED"].includes(p.payment.status));
    if (live) await this.call("POST", `/payments/${encodeURIComponent(live.payment.paymentKey)}/script`, faults);
    else await this.call("POST", `/orders/${encodeURIComponent(orderId)}/script`, faults);
  }

  /**
   * Ends Toss's 10-minute confirm window for this order's payment now, as if the shopper had
   * approved 10 minutes ago. Only this payment expires, so tests running beside it are untouched.
   */
  async expireConfirmWindow(orderId: string): Promise<SandboxPayment> {
    const { payment } = await this.payment(orderId);
    return this.call("POST", `/payments/${encodeURIComponent(payment.paymentKey)}/expire`);
  }

  /**
   * Moves the sandbox's one clock on and runs what fell due (confirm windows, deposit due dates,
   * webhook retries) for every payment it holds, including other tests' running in parallel
   * against the same sandbox: use it only in a test that owns its sandbox, or in a serial run.
   */
  advanceClock(minutes: number): Promise<{ now: string; nowMs: number }> {
    return this.call("POST", "/clock/advance", { minutes });
  }

  /** How the bank ends the next refunds to a refund account: at once, or held until `finishRefundTransfer`. */
  async holdRefundTransfers(orderId: string): Promise<void> {
    await this.call("POST", `/virtual-accounts/${encodeURIComponent(orderId)}/refund-mode`, { mode: "PENDING" });
  }

  /** The bank finishes a held refund transfer; Toss announces it by webhook. */
  async finishRefundTransfer(orderId: string, result: "COMPLETED" | "FAILED"): Promise<void> {
    await this.call("POST", `/virtual-accounts/${encodeURIComponent(orderId)}/refund-result`, { result });
  }

  /** Webhook deliveries about an order, oldest first. */
  async webhooks(orderId: string, eventType?: "PAYMENT_STATUS_CHANGED" | "DEPOSIT_CALLBACK"): Promise<WebhookDelivery[]> {
    const query = new URLSearchParams({ orderId, ...(eventType ? { eventType } : {}) });
    return (await this.call<{ deliveries: WebhookDelivery[] }>("GET", `/webhooks?${query}`)).deliveries;
  }

  /**
   * Toss's "다시 시도" for every delivery about the order that has not succeeded yet, instead of
   * waiting out Toss's retry schedule (the store answers 503 to a hint that comes within 10 s of
   * its last read of the payment). Returns how many were sent again.
   */
  async redeliverPending(orderId: string): Promise<number> {
    const pending = (await this.webhooks(orderId)).filter((d) => d.status !== "SUCCEEDED");
    for (const delivery of pending) await this.redeliver(delivery.id);
    return pending.length;
  }

  /** Toss's "다시 시도": one fresh attempt of a delivery. */
  async redeliver(deliveryId: string): Promise<WebhookDelivery> {
    return this.call("POST", `/webhooks/${encodeURIComponent(deliveryId)}/redeliver`);
  }
}

/** The sandbox's payment window, open for one order: the shopper's three choices. */
export class PaymentWindow {
  constructor(
    readonly page: Page,
    readonly orderId: string,
  ) {}

  /** 결제 승인; for a virtual account, the bank the account is opened at. */
  async approve(options: { bank?: string } = {}): Promise<void> {
    if (options.bank) await this.page.getByLabel("입금 은행").selectOption({ label: options.bank });
    await this.page.getByRole("button", { name: "결제 승인" }).click();
  }

  /** The card company refuses (카드 거절). */
  async decline(): Promise<void> {
    await this.page.getByRole("button", { name: "카드 거절" }).click();
  }

  /** The shopper gives up and closes the window (결제 취소). */
  async cancel(): Promise<void> {
    await this.page.getByRole("button", { name: "결제 취소" }).click();
  }
}

export type CheckoutOptions = { method?: "카드" | "가상계좌"; form?: Partial<typeof checkoutForm> };

export const test = base.extend<{ sandbox: Sandbox; checkout: { start(slug: string, options?: CheckoutOptions): Promise<PaymentWindow> } }>({
  sandbox: async ({ request }, provide) => {
    await provide(new Sandbox(request));
  },
  checkout: async ({ page }, provide) => {
    await provide({
      async start(slug, options = {}) {
        const { orderId } = await checkoutWith(page, slug, options.method, options.form);
        return new PaymentWindow(page, orderId);
      },
    });
  },
});
