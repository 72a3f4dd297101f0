import { expect, test } from "@playwright/test";
import { checkoutWith } from "./payment-helpers";
import { screens } from "./viewports";

for (const screen of screens) {
  test.describe(screen.name, () => {
    test.use(screen.use);

    test("an order link opened without the order's cookie points to 비회원 주문조회 with the order number and phone", async ({ page, browser }) => {
      // A whole card checkout, then a second browser.
      test.setTimeout(60_000);
      const { orderId } = await checkoutWith(page, "yuja-tea");
      await page.getByRole("button", { name: "결제 승인" }).click();
      await expect(page.getByTestId("order-status")).toHaveText("결제 완료");

      const elsewhere = await browser.newContext(screen.use);
      const other = await elsewhere.newPage();
      await other.goto(`/orders/${orderId}`);
      await expect(other.getByRole("heading", { level: 1 })).toHaveText("비회원 주문조회로 주문을 열어 주세요");
      await expect(other.getByText("주문번호와 주문할 때 적은 휴대폰 번호")).toBeVisible();
      await expect(other.getByText("판매가 끝난 상품일 수 있어요")).toHaveCount(0);
      await other.getByRole("main").getByRole("link", { name: "비회원 주문조회" }).click();
      await expect(other).toHaveURL(/\/orders\/lookup$/);
      await expect(other.getByRole("heading", { name: "비회원 주문조회" })).toBeVisible();
      await elsewhere.close();
    });
  });
}
