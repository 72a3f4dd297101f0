import { expect, test } from "./fixtures";
import { screens } from "./viewports";

for (const screen of screens) {
  test.describe(screen.name, () => {
    test.use(screen.use);

    test("Back to the payment window and 결제 승인 again lands on the paid order, not on a failure", async ({ checkout, page }) => {
      test.slow();
      const payment = await checkout.start("yuja-tea");
      const { orderId } = payment;
      await payment.approve();
      await expect(page).toHaveURL(new RegExp(`/orders/${orderId}$`));
      await expect(page.getByTestId("order-status")).toHaveText("결제 완료");

      await page.goBack();
      await expect(page.getByRole("heading", { name: "토스페이먼츠 샌드박스 결제창" })).toBeVisible();
      await payment.approve();

      await expect(page).toHaveURL(new RegExp(`/orders/${orderId}\\?notice=already-paid$`));
      await expect(page.getByTestId("order-notice")).toHaveText("이미 결제가 완료된 주문이에요");
      await expect(page.getByTestId("order-status")).toHaveText("결제 완료");
      await expect(page.getByText("DUPLICATED_ORDER_ID")).toHaveCount(0);
    });
  });
}
