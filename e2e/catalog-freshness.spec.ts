import { expect, test } from "@playwright/test";
import { agreeToAll, fillCheckoutForm } from "./payment-helpers";

// The catalog pages are cached for every shopper; these check that what they show of the stock
// follows reservations and releases, and that the header count still belongs to the shopper.

test("a cached product page shows 품절 right after its last units are reserved, and back when they are released", async ({ page }) => {
  const product = "/products/bangjja-cutlery";
  await page.goto(product);
  await expect(page.getByTestId("stock-state")).toHaveText("재고 있음");
  await page.goto("/");
  await expect(page.getByRole("listitem").filter({ hasText: "방짜 유기 수저 세트" })).toContainText("재고 있음");

  await page.goto(product);
  await page.getByLabel("수량").selectOption("5");
  await page.getByRole("button", { name: "장바구니 담기" }).click();
  await expect(page.getByText("장바구니에 담았어요")).toBeVisible();
  await expect(page.getByTestId("cart-count")).toHaveText("5");
  await page.goto("/checkout");
  await fillCheckoutForm(page);
  await page.getByRole("radio", { name: "카드" }).check();
  await agreeToAll(page);
  await page.getByRole("button", { name: /결제하기$/ }).click();
  await expect(page.getByRole("heading", { name: "토스페이먼츠 샌드박스 결제창" })).toBeVisible();

  // Another shopper, without this one's cart.
  const other = await page.context().browser()!.newPage();
  await other.goto(product);
  await expect(other.getByTestId("stock-state")).toHaveText("품절", { timeout: 1_000 });
  await expect(other.getByText("품절된 상품이에요")).toBeVisible();
  await expect(other.getByTestId("cart-count")).toBeHidden();
  await other.goto("/");
  await expect(other.getByRole("listitem").filter({ hasText: "방짜 유기 수저 세트" })).toContainText("품절");

  // Canceling the payment fails the order and gives the units back.
  await page.getByRole("button", { name: "결제 취소" }).click();
  await expect(page.getByRole("heading", { name: "결제를 취소했어요" })).toBeVisible();
  await expect(async () => {
    await other.goto(product);
    await expect(other.getByTestId("stock-state")).toHaveText("재고 있음", { timeout: 100 });
  }).toPass({ timeout: 3_000 });
  await other.close();
});

test("a cached page answers like a static file and is allowed in the back/forward cache", async ({ request }) => {
  for (const path of ["/", "/products/yuja-tea"]) {
    await request.get(path);
    const response = await request.get(path);
    expect(response.status()).toBe(200);
    expect(["HIT", "STALE"]).toContain(response.headers()["x-nextjs-cache"]);
    expect(response.headers()["cache-control"]).not.toContain("no-store");
    expect(response.headers()["set-cookie"]).toBeUndefined();
  }
});
