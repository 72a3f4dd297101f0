import { expect, test } from "./fixtures";

test("canceling in the payment window fails the order and keeps the cart", async ({ checkout, page }) => {
  const payment = await checkout.start("yuja-tea");
  const { orderId } = payment;
  await payment.cancel();

  await expect(page).toHaveURL(/\/checkout\/failed\?/);
  await expect(page.getByRole("heading", { name: "결제를 취소했어요" })).toBeVisible();
  await expect(page.getByTestId("fail-code")).toHaveText("PAY_PROCESS_CANCELED");

  // The order itself gave up: its page says so.
  await page.goto(`/orders/${orderId}`);
  await expect(page.getByText("결제 실패").first()).toBeVisible();

  await page.goto("/fail?code=PAY_PROCESS_CANCELED");
  await page.getByRole("link", { name: "장바구니로 돌아가기" }).click();
  await expect(page).toHaveURL(/\/cart$/);
  await expect(page.getByTestId("cart-line")).toHaveCount(1);
  await expect(page.getByTestId("cart-line")).toContainText("유자");
});
