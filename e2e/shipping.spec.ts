import { expect, test } from "@playwright/test";
import { agreeToAll, fillCheckoutForm } from "./payment-helpers";

test("a 9,900원 cart pays 3,000원 shipping in cart, checkout and the paid order", async ({ page }) => {
  test.slow();
  await page.goto("/products/knit-dishcloth");
  await expect(page.getByText("30,000원 이상 무료배송")).toBeVisible();
  await page.getByRole("button", { name: "장바구니 담기" }).click();
  await expect(page.getByTestId("cart-toast")).toContainText("장바구니에 담았어요");

  await page.goto("/cart");
  await expect(page.getByTestId("cart-shipping")).toHaveText("3,000원");
  await expect(page.getByTestId("cart-total")).toHaveText("12,900원");
  await expect(page.getByTestId("free-shipping-hint")).toHaveText("20,100원 더 담으면 무료배송이에요.");

  await page.getByRole("link", { name: "주문하기" }).click();
  await expect(page.getByTestId("checkout-total")).toHaveText("12,900원");
  await fillCheckoutForm(page);
  await agreeToAll(page);
  await page.getByRole("button", { name: "12,900원 결제하기" }).click();
  await expect(page.getByTestId("amount")).toHaveText("12,900원");
  await page.getByRole("button", { name: "결제 승인" }).click();

  await expect(page.getByTestId("order-status")).toHaveText("결제 완료");
  await expect(page.getByTestId("order-shipping")).toHaveText("3,000원");
  await expect(page.getByTestId("order-amount")).toHaveText("12,900원");
});

test("from 30,000원 on, shipping is free", async ({ page }) => {
  await page.goto("/products/jeju-hallabong");
  await page.getByRole("button", { name: "장바구니 담기" }).click();
  await expect(page.getByTestId("cart-toast")).toContainText("장바구니에 담았어요");
  await page.goto("/cart");
  await expect(page.getByTestId("cart-shipping")).toHaveText("무료");
  await expect(page.getByTestId("cart-total")).toHaveText("32,000원");
});
