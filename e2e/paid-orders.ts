import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { checkoutWith, type checkoutForm } from "./payment-helpers";
import { e2eUrls } from "./ports";

/** A card checkout of one unit of `slug`, approved in the sandbox's window; ends on the paid order page. */
export async function paidCardOrder(page: Page, slug: string) {
  const { orderId } = await checkoutWith(page, slug);
  await page.getByRole("button", { name: "결제 승인" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("결제 완료");
  return orderId;
}

/** A virtual-account checkout paid into by the sandbox's bank (control API); ends on the paid order page. */
export async function paidVirtualAccountOrder(page: Page, request: APIRequestContext, slug: string, form: Partial<typeof checkoutForm> = {}) {
  const { orderId } = await checkoutWith(page, slug, "가상계좌", form);
  await page.getByLabel("입금 은행").selectOption({ label: "신한은행" });
  await page.getByRole("button", { name: "결제 승인" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("입금 대기");
  const deposit = await request.post(`${e2eUrls.sandbox}/__sandbox/virtual-accounts/${orderId}/deposit`, { data: {} });
  expect(deposit.ok()).toBe(true);
  await expect(page.getByTestId("order-status")).toHaveText("결제 완료", { timeout: 15_000 });
  return orderId;
}

type SandboxPayment = { status: string; balanceAmount: number; totalAmount: number; cancels: { cancelAmount: number }[] | null; virtualAccount: { refundStatus: string } | null };

/** The payment as the sandbox (Toss's side) holds it, with how many cancel calls reached it. */
export async function sandboxPayment(request: APIRequestContext, orderId: string): Promise<{ payment: SandboxPayment; cancelCalls: number }> {
  const response = await request.get(`${e2eUrls.sandbox}/__sandbox/payments?orderId=${encodeURIComponent(orderId)}`);
  expect(response.ok()).toBe(true);
  const { payments } = (await response.json()) as { payments: { payment: SandboxPayment; sandbox: { calls: { cancel: { total: number } } } }[] };
  expect(payments).toHaveLength(1);
  return { payment: payments[0]!.payment, cancelCalls: payments[0]!.sandbox.calls.cancel.total };
}
