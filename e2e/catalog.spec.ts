import { expect, test } from "@playwright/test";

test("the home page lists the seeded catalog with prices in won", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle(/장터/);
  const cards = page.getByTestId("product-grid").getByRole("listitem");
  await expect(cards).toHaveCount(14);
  const hallabong = cards.filter({ hasText: "제주 한라봉 3kg" });
  await expect(hallabong).toContainText("32,000원");
  await expect(cards.filter({ hasText: "안동 간고등어 2손" })).toContainText("품절");
});

test("a product page shows its price, stock state and structured data", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: /나전칠기 보석함/ }).click();
  await expect(page).toHaveURL(/\/products\/najeon-jewelry-box$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("나전칠기 보석함");
  await expect(page.getByTestId("product-price")).toHaveText("128,000원");
  await expect(page.getByTestId("stock-state")).toHaveText("품절 임박 · 1개 남음");
  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}");
  expect(jsonLd).toMatchObject({ "@type": "Product", offers: { price: 128000, priceCurrency: "KRW" } });
});

test("a sold-out product says so", async ({ page }) => {
  await page.goto("/products/andong-mackerel");
  await expect(page.getByTestId("stock-state")).toHaveText("품절");
});

test("an unknown product shows the 404 page with a 404 status", async ({ page }) => {
  const response = await page.goto("/products/no-such-thing");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "페이지를 찾을 수 없어요" })).toBeVisible();
  await page.getByRole("link", { name: "상품 보러 가기" }).click();
  await expect(page).toHaveURL(/\/$/);
});
