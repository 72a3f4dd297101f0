import { expect, test } from "@playwright/test";
import { screens } from "./viewports";

for (const screen of screens) {
  test.describe(screen.name, () => {
    test.use(screen.use);

    test("장바구니 담기 keeps focus and shows a toast with 장바구니 보기 on screen", async ({ page }) => {
      await page.goto("/products/boseong-green-tea");
      const add = page.getByRole("button", { name: "장바구니 담기" });
      await expect(add).toBeInViewport();
      await expect(page.getByRole("button", { name: "바로 구매" })).toBeInViewport();
      if (screen.name === "phone") {
        // The bar stays at the bottom of the screen wherever the page is scrolled.
        for (const to of ["top", "bottom"] as const) {
          await page.evaluate((where) => window.scrollTo(0, where === "top" ? 0 : document.body.scrollHeight), to);
          await expect(add).toBeInViewport();
          const bar = (await page.getByTestId("purchase-bar").boundingBox())!;
          expect(bar.y + bar.height).toBeGreaterThan(844 - 16);
        }
        await page.evaluate(() => window.scrollTo(0, 0));
      }
      await add.focus();
      await page.keyboard.press("Enter");
      const toast = page.getByTestId("cart-toast");
      await expect(toast).toContainText("장바구니에 담았어요");
      await expect(toast).toBeInViewport();
      await expect(add).toBeFocused();
      await expect(page.getByTestId("cart-count")).toHaveText("1");
      await toast.getByRole("link", { name: "장바구니 보기" }).click();
      await expect(page).toHaveURL(/\/cart$/);
      await expect(page.getByTestId("cart-line")).toHaveCount(1);
    });

    test("바로 구매 puts the product in the cart and opens the order form", async ({ page }) => {
      await page.goto("/products/beeswax-candle");
      await page.getByRole("button", { name: "바로 구매" }).click();
      await expect(page).toHaveURL(/\/checkout$/);
      await expect(page.getByTestId("order-summary")).toContainText("천연 밀랍 초");
    });
  });
}
