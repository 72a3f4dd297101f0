import type { Page } from "@playwright/test";
import { adminAccounts } from "./admin-accounts";
import { signIn } from "./admin-helpers";
import { expect, test } from "./fixtures";
import { paidCardOrder } from "./paid-orders";

async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

for (const width of [320, 360, 390]) {
  test(`no page scrolls sideways at ${width} px`, async ({ checkout, page }) => {
    test.slow();
    await page.setViewportSize({ width, height: 800 });
    const payment = await checkout.start("yuja-tea");
    const { orderId } = payment;
    await payment.approve();
    await expect(page).toHaveURL(new RegExp(`/orders/${orderId}$`));
    // A cart with a line again, for the cart and checkout pages.
    await page.goto("/products/sesame-oil-set");
    await page.getByRole("button", { name: "장바구니 담기" }).click();
    await expect(page.getByTestId("cart-toast")).toContainText("장바구니에 담았어요");

    // Each page once it shows what a shopper came for: the widths that count are the drawn ones.
    const pages: [string, () => Promise<unknown>][] = [
      ["/", () => expect(page.getByTestId("product-grid")).toBeVisible()],
      ["/products/sesame-oil-set", () => expect(page.getByRole("button", { name: "장바구니 담기" })).toBeVisible()],
      ["/products/andong-mackerel", () => expect(page.getByText("품절된 상품이에요")).toBeVisible()],
      ["/cart", () => expect(page.getByTestId("cart-line")).toHaveCount(1)],
      ["/checkout", () => expect(page.getByRole("radio", { name: "카드" })).toBeVisible()],
      [`/orders/${orderId}`, () => expect(page.getByTestId("order-status")).toHaveText("결제 완료")],
      ["/orders/lookup", () => expect(page.getByRole("heading", { name: "비회원 주문조회" })).toBeVisible()],
      ["/fail?code=PAY_PROCESS_CANCELED", () => expect(page.getByRole("heading", { name: "결제를 취소했어요" })).toBeVisible()],
      ["/terms", () => expect(page.getByRole("heading", { name: "이용약관" })).toBeVisible()],
      ["/privacy", () => expect(page.getByRole("heading", { name: "개인정보처리방침" })).toBeVisible()],
      ["/support", () => expect(page.getByRole("heading", { name: "고객센터" })).toBeVisible()],
      ["/no-such-page", () => expect(page.getByRole("heading", { level: 1 })).toBeVisible()],
    ];
    const wide: string[] = [];
    for (const [path, shown] of pages) {
      await page.goto(path);
      await shown();
      const extra = await overflow(page);
      if (extra > 0) wide.push(`${path}: ${extra}px`);
    }
    expect(wide).toEqual([]);
  });
}

for (const width of [360, 390]) {
  test(`no admin page scrolls sideways at ${width} px`, async ({ page, browser }) => {
    test.slow();
    await paidCardOrder(page, "knit-dishcloth");
    const owner = await browser.newPage({ viewport: { width, height: 800 }, isMobile: true, hasTouch: true });
    await signIn(owner, adminAccounts.owner, "/admin");
    const h1 = () => expect(owner.getByRole("heading", { level: 1 })).toBeVisible();
    const pages: [string, () => Promise<unknown>][] = [
      ["/admin", h1],
      ["/admin/orders", () => expect(owner.getByTestId("admin-order-row").first()).toBeVisible()],
      ["/admin/products", h1],
      ["/admin/products/new", () => expect(owner.getByTestId("product-form")).toBeVisible()],
      ["/admin/accounts", h1],
      ["/admin/no-such-page", h1],
    ];
    const wide: string[] = [];
    const measure = async (name: string) => {
      const extra = await overflow(owner);
      if (extra > 0) wide.push(`${name}: ${extra}px`);
    };
    for (const [path, shown] of pages) {
      await owner.goto(path);
      await shown();
      await measure(path);
    }
    await owner.goto("/admin/products");
    await owner.getByTestId("admin-product-row").first().getByRole("link").first().click();
    // The form and the history table (empty for a seeded product, so its size is not waited for).
    await expect(owner.getByTestId("product-form")).toBeVisible();
    await expect(owner.getByTestId("product-events")).toBeAttached();
    await measure("/admin/products/[id]");
    await owner.getByRole("button", { name: "메뉴", exact: true }).click();
    await expect(owner.getByRole("navigation", { name: "관리자 메뉴" })).toBeVisible();
    await measure("menu open");
    await owner.close();

    const staff = await browser.newPage({ viewport: { width, height: 800 }, isMobile: true, hasTouch: true });
    await signIn(staff, adminAccounts.staff, "/admin/accounts");
    await expect(staff).toHaveURL(/\/admin\/no-permission/);
    const extra = await overflow(staff);
    if (extra > 0) wide.push(`/admin/no-permission: ${extra}px`);
    await staff.close();
    expect(wide).toEqual([]);
  });
}
