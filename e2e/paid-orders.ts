import { expect, type Page } from "@playwright/test";
import { PaymentWindow, type Sandbox } from "./fixtures";
import { checkoutWith, type checkoutForm } from "./payment-helpers";

/** A card checkout of one unit of `slug`, approved in the sandbox's window; ends on the paid order page. */
export async function paidCardOrder(page: Page, slug: string) {
  const { orderId } = await checkoutWith(page, slug);
  await new PaymentWindow(page, orderId).approve();
  await expect(page.getByTestId("order-status")).toHaveText("결제 완료");
  return orderId;
}

/** A virtual-account checkout paid into by the sandbox's bank; ends on the paid order page. */
export async function paidVirtualAccountOrder(page: Page, sandbox: Sandbox, slug: string, form: Partial<typeof checkoutForm> = {}) {
  const { orderId } = await checkoutWith(page, slug, "가상계좌", form);
  await new PaymentWindow(page, orderId).approve({ bank: "신한은행" });
  await expect(page.getByTestId("order-status")).toHaveText("입금 대기");
  await sandbox.deposit(orderId);
  await expect(page.getByTestId("order-status")).toHaveText("결제 완료", { timeout: 15_000 });
  return orderId;
}
