import { expect, test } from "@playwright/test";
import { submitEmptyCheckout } from "./payment-helpers";
import { screens } from "./viewports";

for (const screen of screens) {
  test.describe(screen.name, () => {
    test.use(screen.use);

    test("the home hero speaks 해요체 and the cart badge shows nothing until there is a count above zero", async ({ page }) => {
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route("**/api/cart/count", async (route) => {
        await held;
        await route.continue();
      });
      await page.goto("/");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.locator("main")).not.toContainText("결제하세요");
      // While the count is on its way: no blank dot.
      await expect(page.getByTestId("cart-count")).toBeHidden();
      const counted = page.waitForResponse("**/api/cart/count");
      release();
      await counted;
      // An empty cart: still nothing, not "0".
      await expect(page.getByTestId("cart-count")).toBeHidden();
      await page.unroute("**/api/cart/count");

      await page.goto("/products/yuja-tea");
      await page.getByRole("button", { name: "장바구니 담기" }).click();
      await expect(page.getByTestId("cart-count")).toHaveText("1");
    });

    test("checkout: an empty phone says 입력해 주세요, placeholders are upright and section titles sit inside their cards", async ({ page }) => {
      await submitEmptyCheckout(page);
      await expect(page.locator("#field-customerPhone-error")).toHaveText("휴대폰 번호를 입력해 주세요");
      await expect(page.locator("#field-customerName-error")).toHaveText("이름을 입력해 주세요");

      const styles = await page.locator("form input[placeholder]").evaluateAll((inputs) =>
        inputs.map((input) => getComputedStyle(input, "::placeholder").fontStyle),
      );
      expect(styles.length).toBeGreaterThan(0);
      expect(new Set(styles)).toEqual(new Set(["normal"]));

      for (const title of ["주문자 · 배송 정보", "결제 수단", "약관 동의"]) {
        const heading = page.getByText(title, { exact: true });
        const card = page.locator("form > fieldset, form > section").filter({ has: heading });
        const inner = (await heading.boundingBox())!;
        const outer = (await card.boundingBox())!;
        expect(inner.y, `${title} sits on its card's border`).toBeGreaterThan(outer.y + 8);
      }
    });
  });
}
