import { expect, test, type Page } from "@playwright/test";
import { checkoutWith } from "./payment-helpers";

async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

for (const width of [320, 360, 390]) {
  test(`no page scrolls sideways at ${width} px`, async ({ page }) => {
    test.slow();
    await page.setViewportSize({ width, height: 800 });
    const { orderId } = await checkoutWith(page, "yuja-tea");
    await page.getByRole("button", { name: "결제 승인" }).click();
    await expect(page).toHaveURL(new RegExp(`/orders/${orderId}$`));
    // A cart with a line again, for the cart and checkout pages.
    await page.goto("/products/sesame-oil-set");
    await page.getByRole("button", { name: "장바구니 담기" }).click();
    await expect(page.getByTestId("cart-toast")).toContainText("장바구니에 담았어요");

    const pages = [
      "/",
      "/products/sesame-oil-set",
      "/products/andong-mackerel",
      "/cart",
      "/checkout",
      `/orders/${orderId}`,
      "/orders/lookup",
      "/fail?code=PAY_PROCESS_CANCELED",
      "/terms",
      "/privacy",
      "/support",
      "/no-such-page",
    ];
    const wide: string[] = [];
    for (const path of pages) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      const extra = await overflow(page);
      if (extra > 0) wide.push(`${path}: ${extra}px`);
    }
    expect(wide).toEqual([]);
  });
}
