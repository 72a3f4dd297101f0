import { expect, test, type Page } from "@playwright/test";
import { adminAccounts } from "./admin-accounts";
import { signIn } from "./admin-helpers";
import { paidCardOrder } from "./paid-orders";
import { screens } from "./viewports";

// The back office as the owner's workplace, at 1440 and 390 px: its own layout, the shopper's
// order number, and a page that says who grants a missing permission.
test.describe.configure({ timeout: 90_000 });

/** The back office's navigation: beside the page on a desktop, behind 메뉴 on a phone. */
async function adminNav(page: Page) {
  const nav = page.getByRole("navigation", { name: "관리자 메뉴" });
  if (!(await nav.isVisible())) await page.getByRole("button", { name: "메뉴", exact: true }).click();
  await expect(nav).toBeVisible();
  return nav;
}

for (const screen of screens) {
  test.describe(screen.name, () => {
    test.use(screen.use);

    test("an owner finds an order by the shopper's short number typed in lower case without the dash, in the back office's own layout", async ({ page, browser }) => {
      const orderId = await paidCardOrder(page, "knit-dishcloth");
      const orderNumber = (await page.getByTestId("order-number").textContent())!.trim();
      expect(orderNumber).toMatch(/^\d{6}-[A-Z0-9]{6}$/);

      const owner = await browser.newPage(screen.use);
      await signIn(owner, adminAccounts.owner, "/admin");
      // None of the storefront's header and footer.
      await expect(owner.getByRole("link", { name: /장바구니/ })).toHaveCount(0);
      await expect(owner.getByText("비회원 주문조회")).toHaveCount(0);
      await expect(owner.getByRole("main")).toHaveCount(1);

      await (await adminNav(owner)).getByRole("link", { name: "주문", exact: true }).click();
      await expect(owner).toHaveURL(/\/admin\/orders$/);
      // On a phone the menu closes once it has taken the owner somewhere.
      if (screen.name === "phone") await expect(owner.getByRole("navigation", { name: "관리자 메뉴" })).toBeHidden();

      await owner.getByRole("searchbox").fill(orderNumber.toLowerCase().replace("-", ""));
      await owner.getByRole("button", { name: "찾기" }).click();
      await expect(owner.getByTestId("orders-total")).toHaveText("1건");
      const row = owner.getByTestId("admin-order-row");
      await expect(row).toHaveCount(1);
      // The internal id is still there, as a detail to copy for support.
      await expect(row).toContainText(orderId);
      await expect(row.getByRole("button", { name: "내부 번호 복사" })).toBeVisible();
      await row.getByRole("link", { name: orderNumber }).click();
      await expect(owner).toHaveURL(new RegExp(`/admin/orders/${orderId}$`));
      await owner.close();
    });

    test("staff opening an owner-only page are told it needs the owner account, in the back office", async ({ browser }) => {
      const staff = await browser.newPage(screen.use);
      await signIn(staff, adminAccounts.staff, "/admin/accounts");
      await expect(staff).toHaveURL(/\/admin\/no-permission\?from=%2Fadmin%2Faccounts$/);
      await expect(staff.getByRole("heading", { level: 1 })).toHaveText("점주 계정만 열 수 있는 화면이에요");
      await expect(staff.getByRole("main")).toContainText("계정 화면은 점주 계정만 쓸 수 있어요");
      await expect(staff.getByRole("main")).toContainText("권한은 점주 계정이 줄 수 있어요");
      await expect(staff.getByText("판매가 끝난 상품일 수 있어요")).toHaveCount(0);
      await expect((await adminNav(staff)).getByRole("link", { name: "계정" })).toHaveCount(0);
      await staff.close();
    });
  });
}

// The README's pictures of the back office, not a test: SCREENSHOTS=after (or before, on the old
// code) `npx playwright test e2e/admin-workplace.spec.ts`. Debian's Chromium needs fonts-noto-cjk.
const prefix = process.env.SCREENSHOTS;
test("screenshots of the dashboard, the order list and the product form at 1440 and 390 px", async ({ page, browser }) => {
  test.skip(!prefix, "set SCREENSHOTS=before|after to take the back office's screenshots");
  test.setTimeout(180_000);
  await paidCardOrder(page, "knit-dishcloth");
  for (const [width, use] of [["1440", screens[1]!.use], ["390", screens[0]!.use]] as const) {
    const owner = await browser.newPage(use);
    await signIn(owner, adminAccounts.owner, "/admin");
    const shot = (name: string) => owner.screenshot({ path: `docs/screenshots/admin-${name}-${width}-${prefix}.png`, fullPage: true });
    await expect(owner.getByRole("heading", { level: 1 })).toHaveText("대시보드");
    await shot("dashboard");
    await owner.goto("/admin/orders");
    await expect(owner.getByTestId("orders-total")).toBeVisible();
    await shot("list");
    await owner.goto("/admin/products");
    await owner.getByRole("link", { name: "유자차" }).first().click();
    await expect(owner.getByTestId("product-form")).toBeVisible();
    await shot("product");
    await owner.close();
  }
});
