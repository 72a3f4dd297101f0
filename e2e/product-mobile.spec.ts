import { expect, test, type Locator } from "@playwright/test";
import { screens } from "./viewports";

/** Nothing lies over the element at its top, middle or bottom: a tap there reaches it. */
async function uncovered(target: Locator): Promise<boolean> {
  return target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return [r.top + 2, r.top + r.height / 2, r.bottom - 2].every((y) => {
      const hit = document.elementFromPoint(r.left + r.width / 2, y);
      return !!hit && (hit === el || el.contains(hit));
    });
  });
}

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

    test("바로 구매 opens the order form for that product", async ({ page }) => {
      await page.goto("/products/beeswax-candle");
      await page.getByRole("button", { name: "바로 구매" }).click();
      await expect(page).toHaveURL(/\/checkout\?buy=now$/);
      await expect(page.getByTestId("order-summary")).toContainText("천연 밀랍 초");
    });

    test("수량 is never under the buy bar or the toast, and the total for the chosen quantity is shown", async ({ page }) => {
      await page.goto("/products/beeswax-candle");
      const quantity = page.getByLabel("수량");
      await expect(quantity).toBeInViewport();
      expect(await uncovered(quantity), "수량 is under something").toBe(true);
      await quantity.selectOption("3");
      const total = page.getByTestId("purchase-total");
      await expect(total).toHaveText("49,500원");
      await expect(total).toBeInViewport();
      await page.getByRole("button", { name: "장바구니 담기" }).click();
      await expect(page.getByTestId("cart-toast")).toContainText("장바구니에 담았어요");
      expect(await uncovered(quantity), "수량 is under the toast").toBe(true);
      expect(await uncovered(total), "the total is under the toast").toBe(true);
    });
  });
}
