import { expect, test, type Page } from "@playwright/test";
import { checkoutWith, fillCheckoutForm } from "./payment-helpers";
import { e2eUrls } from "./ports";
import { screens } from "./viewports";

// The README's before/after pictures at 390 px, not a test: run with SCREENSHOTS=before (on the old
// code) or SCREENSHOTS=after, e.g. `SCREENSHOTS=after npx playwright test e2e/readme-screenshots.spec.ts`.
// Debian's Chromium needs fonts-noto-cjk for Hangul.
const prefix = process.env.SCREENSHOTS;
test.skip(!prefix, "set SCREENSHOTS=before|after to take the README's screenshots");
test.use(screens[0]!.use);

const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: `docs/screenshots/${prefix}-${name}.png`, fullPage });

test("바로 구매 with another product in the cart", async ({ page }) => {
  await page.goto("/products/knit-dishcloth");
  await page.getByRole("button", { name: "장바구니 담기" }).click();
  await expect(page.getByTestId("cart-toast")).toContainText("장바구니에 담았어요");
  await page.goto("/products/jeju-hallabong");
  await page.getByRole("button", { name: "바로 구매" }).click();
  await expect(page).toHaveURL(/\/checkout/);
  const summary = page.getByTestId("order-summary");
  await expect(summary).toContainText("제주 한라봉 3kg");
  // Opened, as a careful shopper would, to see what is being bought.
  const toggle = summary.locator("summary");
  if (await toggle.count()) await toggle.click();
  await shot(page, "buy-now");
});

test("a retry after 결제 취소 with the widget's agreement unticked", async ({ page }) => {
  await checkoutWith(page, "yuja-tea");
  await page.getByRole("button", { name: "결제 취소" }).click();
  await page.getByRole("link", { name: "다시 결제하기" }).click();
  await expect(page.getByRole("radio", { name: "카드" })).toBeVisible();
  await fillCheckoutForm(page);
  await page.getByRole("checkbox", { name: "(필수) 이용약관에 동의해요" }).check();
  await page.getByRole("checkbox", { name: "(필수) 주문·배송을 위한 개인정보 수집·이용에 동의해요" }).check();
  await page.getByRole("button", { name: /결제하기$/ }).click();
  await expect(page.getByText("결제 서비스 약관에 동의해 주세요.").first()).toBeAttached();
  await shot(page, "retry-terms");
});

test("the product page on a phone after choosing 3 and 장바구니 담기", async ({ page }) => {
  await page.goto("/products/beeswax-candle");
  await page.getByLabel("수량").selectOption("3");
  await page.getByRole("button", { name: "장바구니 담기" }).click();
  await expect(page.getByTestId("cart-toast")).toContainText("장바구니에 담았어요");
  await shot(page, "product-quantity");
});

test("a 계좌이체 with a cash receipt: the payment window and the order page", async ({ page, request }) => {
  const { orderId } = await checkoutWith(page, "yuja-tea", "가상계좌");
  await shot(page, "cash-receipt-window", true);
  const receipt = page.getByRole("group", { name: "현금영수증" });
  if (await receipt.count()) {
    await receipt.getByRole("radio", { name: "소득공제" }).check();
    await receipt.getByRole("textbox", { name: "휴대폰 번호" }).fill("010-1234-5678");
  }
  await page.getByRole("button", { name: "결제 승인" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("입금 대기");
  expect((await request.post(`${e2eUrls.sandbox}/__sandbox/virtual-accounts/${orderId}/deposit`, { data: {} })).ok()).toBe(true);
  await expect(page.getByTestId("order-status")).toHaveText("결제 완료", { timeout: 15_000 });
  await shot(page, "cash-receipt-order", true);
});
