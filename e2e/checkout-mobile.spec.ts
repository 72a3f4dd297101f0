import { expect, test, type Page } from "@playwright/test";
import { agreeToAll, checkoutForm, fillCheckoutForm } from "./payment-helpers";
import { screens } from "./viewports";

async function cartWith(page: Page, slug: string) {
  await page.goto(`/products/${slug}`);
  await page.getByRole("button", { name: "장바구니 담기" }).click();
  await expect(page.getByTestId("cart-toast")).toContainText("장바구니에 담았어요");
}

for (const screen of screens) {
  test.describe(screen.name, () => {
    test.use(screen.use);

    test("a wrong submit moves focus to the first wrong field and names every wrong field", async ({ page }) => {
      await cartWith(page, "yuja-tea");
      await page.goto("/checkout");
      await fillCheckoutForm(page, { 이메일: "toss-at-example.com", 우편번호: "" });
      await page.getByRole("button", { name: /결제하기$/ }).click();

      await expect(page.getByRole("textbox", { name: "이메일", exact: true })).toBeFocused();
      const alert = page.getByTestId("checkout-message");
      await expect(alert).toContainText("4개 항목을 확인해 주세요");
      await expect(alert).toContainText("이메일, 우편번호, 이용약관 동의, 개인정보 수집·이용 동의");
      await expect(page.getByRole("textbox", { name: "이메일", exact: true })).toBeInViewport();
      await expect(page.getByText("이메일 주소를 확인해 주세요")).toBeVisible();
    });

    test("a field is checked when the shopper leaves it", async ({ page }) => {
      await cartWith(page, "yuja-tea");
      await page.goto("/checkout");
      const phone = page.getByRole("textbox", { name: "휴대폰 번호", exact: true });
      await phone.fill("02-123-4567");
      await phone.blur();
      await expect(page.getByText("휴대폰 번호를 확인해 주세요")).toBeVisible();
      await expect(phone).toHaveAttribute("aria-invalid", "true");
      await phone.fill("010-1234-5678");
      await expect(page.getByText("휴대폰 번호를 확인해 주세요")).toHaveCount(0);
    });

    test("우편번호 찾기 fills postcode and road address, then focuses 상세 주소", async ({ page }) => {
      await cartWith(page, "yuja-tea");
      await page.goto("/checkout");
      await page.getByRole("button", { name: "우편번호 찾기" }).click();
      const dialog = page.getByRole("dialog", { name: "우편번호 검색 (샌드박스)" });
      await expect(dialog).toBeVisible();
      await dialog.getByRole("searchbox").fill("판교");
      await dialog.getByRole("button", { name: /판교역로 166/ }).click();
      await expect(dialog).toHaveCount(0);
      await expect(page.getByRole("textbox", { name: "우편번호", exact: true })).toHaveValue("13529");
      await expect(page.getByRole("textbox", { name: "주소", exact: true })).toHaveValue("경기 성남시 분당구 판교역로 166 (카카오 판교아지트)");
      await expect(page.getByRole("textbox", { name: "상세 주소", exact: true })).toBeFocused();
    });

    test("the order summary comes first and the pay button shows the amount", async ({ page }) => {
      await cartWith(page, "yuja-tea");
      await page.goto("/checkout");
      const summary = page.getByTestId("order-summary");
      // 15,800원 + 3,000원 shipping.
      await expect(summary.locator("summary")).toContainText("18,800원");
      const pay = page.getByRole("button", { name: "18,800원 결제하기" });
      await expect(pay).toBeVisible();
      await expect(page.getByTestId("checkout-shipping")).toHaveText("3,000원");
      if (screen.name === "phone") {
        // Folded, and above the form; the pay bar stays at the bottom of the screen.
        await expect(summary).not.toHaveAttribute("open");
        const summaryBox = (await summary.boundingBox())!;
        const formBox = (await page.getByRole("group", { name: "주문자 · 배송 정보" }).boundingBox())!;
        expect(summaryBox.y).toBeLessThan(formBox.y);
        await expect(pay).toBeInViewport();
        const bar = (await page.getByTestId("pay-bar").boundingBox())!;
        expect(Math.round(bar.y + bar.height)).toBe(844);
        await summary.locator("summary").click();
        await expect(summary.getByText("고흥 꿀 유자차 1kg")).toBeVisible();
      } else {
        await expect(summary).toHaveAttribute("open");
        await expect(summary.getByText("고흥 꿀 유자차 1kg")).toBeVisible();
      }
    });

    test("after 결제 취소, 다시 결제하기 keeps what was typed and the chosen method", async ({ page }) => {
      test.slow();
      await cartWith(page, "yuja-tea");
      await page.goto("/checkout");
      await fillCheckoutForm(page);
      await page.getByRole("radio", { name: "가상계좌" }).check();
      await agreeToAll(page);
      await page.getByRole("button", { name: /결제하기$/ }).click();
      await page.getByRole("button", { name: "결제 취소" }).click();
      await expect(page.getByRole("heading", { name: "결제를 취소했어요" })).toBeVisible();

      await page.getByRole("link", { name: "다시 결제하기" }).click();
      await expect(page).toHaveURL(/\/checkout$/);
      for (const [label, value] of Object.entries(checkoutForm)) {
        await expect(page.getByRole("textbox", { name: label, exact: true })).toHaveValue(value);
      }
      await expect(page.getByRole("radio", { name: "가상계좌" })).toBeChecked();
      await expect(page.getByRole("checkbox", { name: "(필수) 이용약관에 동의해요" })).toBeChecked();
      await expect(page.getByRole("checkbox", { name: "(필수) 주문·배송을 위한 개인정보 수집·이용에 동의해요" })).toBeChecked();
    });
  });
}
