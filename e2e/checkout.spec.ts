import { expect, test, type Page } from "@playwright/test";
import { agreeToAll, checkoutForm as form, fillCheckoutForm } from "./payment-helpers";

async function addToCart(page: Page, slug: string, quantity = 1) {
  await page.goto(`/products/${slug}`);
  if (quantity > 1) await page.getByLabel("수량").selectOption(String(quantity));
  await page.getByRole("button", { name: "장바구니 담기" }).click();
  await expect(page.getByText("장바구니에 담았어요")).toBeVisible();
}

test("a shopper fills a cart, corrects the order form and reaches the payment window for the stored order", async ({ page }) => {
  await addToCart(page, "boseong-green-tea");
  await expect(page.getByTestId("cart-count")).toHaveText("1");
  await addToCart(page, "yuja-tea");
  await addToCart(page, "knit-dishcloth");
  await expect(page.getByTestId("cart-count")).toHaveText("3");

  await page.getByRole("link", { name: /^장바구니 \d+ ?개 담김$/ }).click();
  await expect(page).toHaveURL(/\/cart$/);
  const lines = page.getByTestId("cart-line");
  await expect(lines).toHaveCount(3);
  await expect(page.getByTestId("cart-total")).toHaveText("37,700원");

  // Three fast clicks end on the right count, line total and cart total.
  const plus = page.getByRole("button", { name: "보성 녹차 티백 50입 수량 늘리기" });
  await plus.click();
  await plus.click();
  await plus.click();
  const tea = lines.filter({ hasText: "보성 녹차 티백 50입" });
  await expect(tea.getByTestId("line-quantity")).toHaveText("4");
  await expect(tea.getByTestId("line-total")).toHaveText("48,000원");
  await expect(page.getByTestId("cart-count")).toHaveText("6");

  await page.getByRole("button", { name: "손뜨개 면 행주 3매 삭제" }).click();
  await expect(lines).toHaveCount(2);
  await expect(page.getByTestId("cart-total")).toHaveText("63,800원");
  // What the server saved, not just what the page shows.
  await expect(page.getByText("변경 사항 저장 중")).toHaveCount(0);
  await page.reload();
  await expect(lines).toHaveCount(2);
  await expect(page.getByTestId("cart-total")).toHaveText("63,800원");
  await expect(page.getByTestId("cart-count")).toHaveText("5");

  await page.getByRole("link", { name: "주문하기" }).click();
  await expect(page).toHaveURL(/\/checkout$/);
  await expect(page.getByTestId("checkout-total")).toHaveText("63,800원");

  // The sandbox widget renders for the cart total; the pay button shows it too.
  await expect(page.getByRole("radio", { name: "카드" })).toBeVisible();
  await expect(page.locator("#payment-methods")).toContainText("63,800원");
  const pay = page.getByRole("button", { name: "63,800원 결제하기" });
  await expect(pay).toBeEnabled();
  await agreeToAll(page);

  await fillCheckoutForm(page, { 이메일: "toss-at-example.com", "휴대폰 번호": "02-123-4567" });
  await pay.click();
  await expect(page.getByText("이메일 주소를 확인해 주세요")).toBeVisible();
  await expect(page.getByText("휴대폰 번호를 확인해 주세요")).toBeVisible();
  // The form keeps what was typed.
  await expect(page.getByRole("textbox", { name: "주소", exact: true })).toHaveValue(form.주소);

  await page.getByRole("textbox", { name: "이메일", exact: true }).fill(form.이메일);
  await page.getByRole("textbox", { name: "휴대폰 번호", exact: true }).fill(form["휴대폰 번호"]);
  await pay.click();

  await expect(page.getByRole("heading", { name: "토스페이먼츠 샌드박스 결제창" })).toBeVisible();
  await expect(page.getByTestId("amount")).toHaveText("63,800원");
  await expect(page.getByTestId("order-name")).toHaveText("보성 녹차 티백 50입 외 1건");
  await expect(page.getByTestId("order-id")).toHaveText(/^jt_[A-Za-z0-9_-]{24}$/);
  await expect(page.getByTestId("method")).toHaveText("카드");
});

test("a sold-out product cannot be added", async ({ page }) => {
  await page.goto("/products/andong-mackerel");
  await expect(page.getByText("품절된 상품이에요")).toBeVisible();
  await expect(page.getByRole("button", { name: "장바구니 담기" })).toHaveCount(0);
});

test("an empty cart sends the shopper from checkout back to the cart with a message", async ({ page }) => {
  await page.goto("/checkout");
  await expect(page).toHaveURL(/\/cart\?notice=empty$/);
  await expect(page.getByRole("status")).toContainText("장바구니가 비어 있어");
  await expect(page.getByText("장바구니가 비어 있어요")).toBeVisible();
});

test("the cart refuses more than the stock and says how many are left", async ({ page }) => {
  await addToCart(page, "moon-jar-mini", 3);
  await page.goto("/products/moon-jar-mini");
  await page.getByRole("button", { name: "장바구니 담기" }).click();
  await expect(page.getByText("백자 달항아리 미니: 최대 3개까지 주문할 수 있습니다")).toBeVisible();
  await expect(page.getByTestId("cart-count")).toHaveText("3");
});
