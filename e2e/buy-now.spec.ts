import { expect, test, type Page } from "@playwright/test";
import { agreeToAll, fillCheckoutForm } from "./payment-helpers";
import { screens } from "./viewports";

async function payAndDecide(page: Page, decision: "결제 취소" | "카드 거절") {
  await page.getByRole("radio", { name: "카드" }).check();
  await agreeToAll(page);
  await page.getByRole("button", { name: /결제하기$/ }).click();
  await expect(page.getByRole("heading", { name: "토스페이먼츠 샌드박스 결제창" })).toBeVisible();
  await page.getByRole("button", { name: decision }).click();
  await expect(page).toHaveURL(/\/checkout\/failed\?/);
}

async function expectOnlyHallabong(page: Page) {
  const summary = page.getByTestId("order-summary");
  await expect(summary).toContainText("제주 한라봉 3kg");
  await expect(summary).toContainText("× 2");
  await expect(summary).not.toContainText("행주");
  await expect(page.getByTestId("checkout-total")).toHaveText("64,000원");
}

for (const screen of screens) {
  test.describe(screen.name, () => {
    test.use(screen.use);

    test("바로 구매 checks out that product and quantity alone and leaves the cart as it was, also after a cancelled and a rejected payment", async ({ page }) => {
      await page.goto("/products/knit-dishcloth");
      await page.getByRole("button", { name: "장바구니 담기" }).click();
      await expect(page.getByTestId("cart-toast")).toContainText("장바구니에 담았어요");

      await page.goto("/products/jeju-hallabong");
      await page.getByLabel("수량").selectOption("2");
      await page.getByRole("button", { name: "바로 구매" }).click();
      await expect(page).toHaveURL(/\/checkout\?buy=now$/);
      await expectOnlyHallabong(page);

      await fillCheckoutForm(page);
      await payAndDecide(page, "결제 취소");
      await page.getByRole("link", { name: "다시 결제하기" }).click();
      await expect(page).toHaveURL(/\/checkout\?buy=now$/);
      await expectOnlyHallabong(page);

      await payAndDecide(page, "카드 거절");
      await page.getByRole("link", { name: "다시 결제하기" }).click();
      await expectOnlyHallabong(page);

      await page.goto("/cart");
      await expect(page.getByTestId("cart-line")).toHaveCount(1);
      await expect(page.getByTestId("cart-line")).toContainText("손뜨개 면 행주 3매");
      await expect(page.getByTestId("cart-count")).toHaveText("1");
    });
  });
}
