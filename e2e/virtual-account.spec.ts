import { expect, test } from "@playwright/test";
import { e2eUrls } from "./ports";
import { checkoutWith } from "./payment-helpers";
import { screens } from "./viewports";

test("a virtual-account checkout shows the deposit instructions, and the deposit turns the page to paid by itself", async ({ page, request }) => {
  const { orderId } = await checkoutWith(page, "yuja-tea", "가상계좌");
  await page.getByLabel("입금 은행").selectOption({ label: "신한은행" });
  await page.getByRole("button", { name: "결제 승인" }).click();

  await expect(page).toHaveURL(new RegExp(`/orders/${orderId}$`));
  await expect(page.getByTestId("order-status")).toHaveText("입금 대기");
  await expect(page.getByRole("heading", { name: "입금 안내" })).toBeVisible();
  await expect(page.getByTestId("va-bank")).toHaveText("신한은행");
  await expect(page.getByTestId("va-account")).toHaveText(/^\d{4}( \d{1,4})+$/);
  await expect(page.getByText("입금 기한")).toBeVisible();

  // The bank: the sandbox takes the deposit and tells the store by webhook. No reload here.
  const deposit = await request.post(`${e2eUrls.sandbox}/__sandbox/virtual-accounts/${orderId}/deposit`, { data: {} });
  expect(deposit.ok()).toBe(true);
  await expect(page.getByTestId("order-status")).toHaveText("결제 완료", { timeout: 15_000 });
  await expect(page.getByRole("heading", { name: "입금 안내" })).toHaveCount(0);
});

test.describe("phone", () => {
  test.use(screens[0]!.use);

  test("예금주 is the store, not the shopper who asked for the account", async ({ page }) => {
    await checkoutWith(page, "yuja-tea", "가상계좌");
    await page.getByRole("button", { name: "결제 승인" }).click();
    await expect(page.getByTestId("order-status")).toHaveText("입금 대기");
    // Toss's virtualAccount.customerName is the shopper (김토스 here), the one who deposits.
    const holder = page.locator("dt", { hasText: "예금주" }).locator("xpath=following-sibling::dd[1]");
    await expect(holder).toHaveText("장터");
  });
});
