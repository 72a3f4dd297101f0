import { expect, test } from "@playwright/test";
import { agreeToAll, fillCheckoutForm, submitEmptyCheckout } from "./payment-helpers";
import { screens } from "./viewports";

for (const screen of screens) {
  test.describe(screen.name, () => {
    test.use(screen.use);

    test("a retry after 결제 취소 with the widget's agreement unticked says so where the shopper looks and moves focus to it", async ({ page }) => {
      await page.goto("/products/yuja-tea");
      await page.getByRole("button", { name: "장바구니 담기" }).click();
      await expect(page.getByTestId("cart-toast")).toContainText("장바구니에 담았어요");
      await page.goto("/checkout");
      await fillCheckoutForm(page);
      await page.getByRole("radio", { name: "카드" }).check();
      await agreeToAll(page);
      await page.getByRole("button", { name: /결제하기$/ }).click();
      await page.getByRole("button", { name: "결제 취소" }).click();
      await page.getByRole("link", { name: "다시 결제하기" }).click();

      // The store's consents come back ticked, the widget's agreement does not (as Toss's).
      await expect(page.getByRole("checkbox", { name: "(필수) 이용약관에 동의해요" })).toBeChecked();
      const widgetTerms = page.getByRole("checkbox", { name: "[필수] 결제 서비스 이용 약관 동의" });
      await expect(widgetTerms).not.toBeChecked();
      await page.getByRole("button", { name: /결제하기$/ }).click();

      await expect(widgetTerms).toBeFocused();
      await expect(widgetTerms).toBeInViewport();
      const messages = page.getByRole("alert").filter({ hasText: "결제 서비스 약관에 동의해 주세요." });
      await expect(messages.first()).toBeVisible();
      // One next to the pay bar, one at the agreement: both on screen, neither behind the bar.
      await expect(messages).toHaveCount(2);
      for (const message of await messages.all()) {
        await expect(message).toBeInViewport();
        // Nothing (the sticky pay bar above all) lies over it.
        const seen = await message.evaluate((el) => {
          const r = el.getBoundingClientRect();
          const hit = document.elementFromPoint(r.left + Math.min(20, r.width / 2), r.top + r.height / 2);
          return !!hit && (hit === el || el.contains(hit));
        });
        expect(seen, "the message is behind something").toBe(true);
      }
      await widgetTerms.check();
      await expect(messages).toHaveCount(0);
    });

    test("the error box above 결제하기 follows the fields: it goes away once every field is fixed", async ({ page }) => {
      await submitEmptyCheckout(page);
      const box = page.getByText(/개 항목을 확인해 주세요/);
      await expect(box).toContainText("7개 항목을 확인해 주세요");

      await fillCheckoutForm(page);
      await expect(box).toContainText("2개 항목을 확인해 주세요: 이용약관 동의, 개인정보 수집·이용 동의");
      await agreeToAll(page);
      await expect(box).toHaveCount(0);
    });
  });
}
