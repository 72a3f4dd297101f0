import { expect, test } from "./fixtures";
import { screens } from "./viewports";

test("a virtual-account checkout shows the deposit instructions, and the deposit turns the page to paid by itself", async ({ checkout, sandbox, page }) => {
  const payment = await checkout.start("yuja-tea", { method: "가상계좌" });
  const { orderId } = payment;
  await payment.approve({ bank: "신한은행" });

  await expect(page).toHaveURL(new RegExp(`/orders/${orderId}$`));
  await expect(page.getByTestId("order-status")).toHaveText("입금 대기");
  await expect(page.getByRole("heading", { name: "입금 안내" })).toBeVisible();
  await expect(page.getByTestId("va-bank")).toHaveText("신한은행");
  await expect(page.getByTestId("va-account")).toHaveText(/^\d{4}( \d{1,4})+$/);
  await expect(page.getByText("입금 기한")).toBeVisible();

  // The bank: the sandbox takes the deposit and tells the store by webhook. No reload here.
  await sandbox.deposit(orderId);
  await expect(page.getByTestId("order-status")).toHaveText("결제 완료", { timeout: 15_000 });
  await expect(page.getByRole("heading", { name: "입금 안내" })).toHaveCount(0);
});

test.describe("phone", () => {
  test.use(screens[0]!.use);

  test("예금주 is the store, not the shopper who asked for the account", async ({ checkout, page }) => {
    const payment = await checkout.start("yuja-tea", { method: "가상계좌" });
    await payment.approve();
    await expect(page.getByTestId("order-status")).toHaveText("입금 대기");
    // Toss's virtualAccount.customerName is the shopper (김토스 here), the one who deposits.
    const holder = page.locator("dt", { hasText: "예금주" }).locator("xpath=following-sibling::dd[1]");
    await expect(holder).toHaveText("장터");
  });
});
