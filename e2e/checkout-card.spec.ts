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
  await expect(page.getByTestId("cart-count")).toBeHidden();

  await page.reload();
  await expect(page.getByTestId("order-status")).toHaveText("결제 완료");
});

test("another browser cannot see the order", async ({ checkout, page, browser }) => {
  const payment = await checkout.start("yuja-tea");
  const { orderId } = payment;
  await payment.approve();
  await expect(page.getByTestId("order-status")).toHaveText("결제 완료");

  // It is sent to 비회원 주문조회 (the same words for an order that does not exist) and sees nothing of it.
  const stranger = await browser.newContext();
  const other = await stranger.newPage();
  await other.goto(`/orders/${orderId}`);
  await expect(other.getByRole("heading", { level: 1 })).toHaveText("비회원 주문조회로 주문을 열어 주세요");
  await expect(other.getByText("김토스")).toHaveCount(0);
  await expect(other.getByText("결제 완료")).toHaveCount(0);
  await stranger.close();
});

test("a rejected card shows the reason on /fail", async ({ checkout, page }) => {
  const payment = await checkout.start("yuja-tea");
  await payment.decline();
  await expect(page).toHaveURL(/\/checkout\/failed\?/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByTestId("fail-code")).not.toHaveText("");
});
