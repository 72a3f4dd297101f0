import { expect, test } from "./fixtures";

test("a card checkout ends on the order page showing the paid order, and a refresh changes nothing", async ({ checkout, page }) => {
  const payment = await checkout.start("yuja-tea");
  const { orderId } = payment;
  await payment.approve();

  await expect(page).toHaveURL(new RegExp(`/orders/${orderId}$`));
  await expect(page.getByTestId("order-status")).toHaveText("결제 완료");
  await expect(page.getByText("카드", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "영수증 보기" })).toBeVisible();
  await expect(page.getByText("김토스")).toBeVisible();
  await expect(page.getByTestId("cart-count")).toHaveText("0");

  await page.reload();
  await expect(page.getByTestId("order-status")).toHaveText("결제 완료");
});

test("another browser cannot see the order", async ({ checkout, page, browser }) => {
  const payment = await checkout.start("yuja-tea");
  const { orderId } = payment;
  await payment.approve();
  await expect(page.getByTestId("order-status")).toHaveText("결제 완료");

  const stranger = await browser.newContext();
  const response = await (await stranger.newPage()).goto(`/orders/${orderId}`);
  expect(response?.status()).toBe(404);
  await stranger.close();
});

test("a rejected card shows the reason on /fail", async ({ checkout, page }) => {
  const payment = await checkout.start("yuja-tea");
  await payment.decline();
  await expect(page).toHaveURL(/\/checkout\/failed\?/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByTestId("fail-code")).not.toHaveText("");
});
