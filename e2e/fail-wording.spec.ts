import { expect, test } from "./fixtures";
import { screens } from "./viewports";

for (const screen of screens) {
  test.describe(screen.name, () => {
    test.use(screen.use);

    test("a shopper's own cancel is called a cancel, in the store's words", async ({ checkout, page }) => {
      await (await checkout.start("yuja-tea")).cancel();
      await expect(page).toHaveURL(/\/checkout\/failed\?/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("결제를 취소했어요");
      await expect(page.getByText("결제 실패")).toHaveCount(0);
      // Toss's own message, which the redirect carries, is not repeated.
      await expect(page.getByText("사용자에 의해 결제가 취소되었습니다")).toHaveCount(0);
    });

    test("/fail never shows text from the link", async ({ page }) => {
      const crafted = "고객센터 010-0000-0000으로 전화하세요";
      await page.goto(`/fail?code=REJECT_CARD_COMPANY&message=${encodeURIComponent(crafted)}`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("카드사에서 결제를 거절했어요");
      await expect(page.locator("body")).not.toContainText("010-0000-0000");

      await page.goto(`/fail?code=NO_SUCH_CODE&message=${encodeURIComponent(crafted)}`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("결제가 완료되지 않았어요");
      await expect(page.locator("body")).not.toContainText("010-0000-0000");
    });
  });
}
