import { expect, test } from "./fixtures";

// The examples of docs/testing.md: each is a whole checkout test over the sandbox's fixtures.

test("a card payment approved in the payment window ends on the paid order", async ({ checkout, page }) => {
  const payment = await checkout.start("yuja-tea");
  await payment.approve();
  await expect(page).toHaveURL(new RegExp(`/orders/${payment.orderId}$`));
  await expect(page.getByTestId("order-status")).toHaveText("결제 완료");
});

test("a virtual account turns paid when the shopper's deposit arrives", async ({ checkout, sandbox, page }) => {
  const payment = await checkout.start("yuja-tea", { method: "가상계좌" });
  await payment.approve({ bank: "신한은행" });
  await expect(page.getByTestId("order-status")).toHaveText("입금 대기");
  await sandbox.deposit(payment.orderId);
  await expect(page.getByTestId("order-status")).toHaveText("결제 완료", { timeout: 15_000 });
});

test("a confirm the card company refuses shows the store's words for it", async ({ checkout, sandbox, page }) => {
  const payment = await checkout.start("yuja-tea");
  await sandbox.injectFault(payment.orderId, { confirm: [{ code: "REJECT_CARD_COMPANY" }] });
  await payment.approve();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("카드사에서 결제를 거절했어요");
  await page.goto(`/orders/${payment.orderId}`);
  await expect(page.getByTestId("order-status")).not.toHaveText("결제 완료");
});

test("a cancel made in Toss's dashboard reaches the order page", async ({ checkout, sandbox, page }) => {
  test.setTimeout(60_000);
  const payment = await checkout.start("yuja-tea");
  await payment.approve();
  await expect(page.getByTestId("order-status")).toHaveText("결제 완료");
  await sandbox.dashboardCancel(payment.orderId, { cancelReason: "고객 요청" });
  // Toss's webhook says so; the store takes it once 10 s have passed since it last read this payment.
  await expect(async () => {
    await sandbox.redeliverPending(payment.orderId);
    await page.reload();
    await expect(page.getByTestId("order-status")).toHaveText("주문 취소", { timeout: 1_000 });
  }).toPass({ intervals: [1_000], timeout: 40_000 });
});

test("a payment the store confirms after Toss's 10 minutes tells the shopper the time ran out", async ({ checkout, sandbox, page }) => {
  const payment = await checkout.start("yuja-tea");
  // Hold the store's confirm while Toss's confirm window for this payment runs out.
  let held!: () => void;
  const handOverHeld = new Promise<void>((resolve) => (held = resolve));
  await page.route("**/success?**", async (route) => {
    await route.fulfill({ status: 204 });
    held();
  });
  await payment.approve();
  await handOverHeld;
  await sandbox.expireConfirmWindow(payment.orderId);
  expect((await sandbox.payment(payment.orderId)).payment.status).toBe("EXPIRED");
  await page.unroute("**/success?**");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("결제 시간이 지났어요");
});
