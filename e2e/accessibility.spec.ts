import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { adminAccounts } from "./admin-accounts";
import { signIn } from "./admin-helpers";
import { expect, test } from "./fixtures";
import { paidCardOrder } from "./paid-orders";
import { screens } from "./viewports";

async function violations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

for (const screen of screens) {
  test.describe(screen.name, () => {
    test.use(screen.use);

    test("every store page has zero axe violations", async ({ checkout, page }) => {
      // Thirteen pages and two states, each analysed in full.
      test.setTimeout(240_000);
      const payment = await checkout.start("cheongsong-apple", { method: "가상계좌" });
      const { orderId } = payment;
      await payment.approve();
      await expect(page.getByTestId("order-status")).toHaveText("입금 대기");
      await page.goto("/products/beeswax-candle");
      await page.getByRole("button", { name: "장바구니 담기" }).click();
      await expect(page.getByTestId("cart-toast")).toContainText("장바구니에 담았어요");

      const pages: [string, () => Promise<unknown>][] = [
        ["/", () => expect(page.getByRole("heading", { level: 1 })).toBeVisible()],
        ["/products/beeswax-candle", () => expect(page.getByRole("button", { name: "장바구니 담기" })).toBeVisible()],
        ["/products/andong-mackerel", () => expect(page.getByText("품절된 상품이에요")).toBeVisible()],
        ["/cart", () => expect(page.getByTestId("cart-line")).toHaveCount(1)],
        ["/checkout", () => expect(page.getByRole("radio", { name: "카드" })).toBeVisible()],
        [`/orders/${orderId}`, () => expect(page.getByTestId("va-account")).toBeVisible()],
        ["/orders/lookup", () => expect(page.getByRole("heading", { name: "비회원 주문조회" })).toBeVisible()],
        ["/fail?code=PAY_PROCESS_CANCELED", () => expect(page.getByRole("heading", { level: 1 })).toBeVisible()],
        ["/fail?code=REJECT_CARD_COMPANY", () => expect(page.getByRole("heading", { level: 1 })).toBeVisible()],
        ["/terms", () => expect(page.getByRole("heading", { name: "이용약관" })).toBeVisible()],
        ["/privacy", () => expect(page.getByRole("heading", { name: "개인정보처리방침" })).toBeVisible()],
        ["/support", () => expect(page.getByRole("heading", { name: "고객센터" })).toBeVisible()],
        ["/no-such-page", () => expect(page.getByRole("heading", { level: 1 })).toBeVisible()],
      ];
      const found: Record<string, string[]> = {};
      for (const [path, ready] of pages) {
        await page.goto(path);
        await ready();
        const list = await violations(page);
        if (list.length > 0) found[path] = list;
      }

      // A checkout with its errors showing, and an empty cart.
      await page.goto("/checkout");
      await expect(page.getByRole("radio", { name: "카드" })).toBeVisible();
      // The form comes back filled from this cart's earlier order: empty one field for an error.
      const name = page.getByRole("textbox", { name: "이름", exact: true });
      await name.fill("");
      await page.getByRole("button", { name: /결제하기$/ }).click();
      await expect(page.getByTestId("checkout-message")).toBeVisible();
      const withErrors = await violations(page);
      if (withErrors.length > 0) found["/checkout (errors)"] = withErrors;
      // Every field right, the widget's agreement not ticked.
      await name.fill("김토스");
      await page.getByRole("button", { name: /결제하기$/ }).click();
      await expect(page.getByRole("alert").filter({ hasText: "결제 서비스 약관에 동의해 주세요." }).first()).toBeVisible();
      const withoutAgreement = await violations(page);
      if (withoutAgreement.length > 0) found["/checkout (agreement missing)"] = withoutAgreement;
      await page.goto("/cart");
      await page.getByRole("button", { name: /삭제$/ }).click();
      await expect(page.getByText("장바구니가 비어 있어요")).toBeVisible();
      const empty = await violations(page);
      if (empty.length > 0) found["/cart (empty)"] = empty;

      expect(found).toEqual({});
    });

    test("every admin page the owner and staff open has zero axe violations", async ({ page, browser }) => {
      test.setTimeout(240_000);
      await paidCardOrder(page, "knit-dishcloth");
      // AxeBuilder needs pages of a context of their own.
      const owner = await (await browser.newContext(screen.use)).newPage();
      await signIn(owner, adminAccounts.owner, "/admin");
      const found: Record<string, string[]> = {};
      const check = async (name: string) => {
        const list = await violations(owner);
        if (list.length > 0) found[name] = list;
      };
      const h1 = () => expect(owner.getByRole("heading", { level: 1 })).toBeVisible();
      const pages: [string, () => Promise<unknown>][] = [
        ["/admin", h1],
        ["/admin/orders", () => expect(owner.getByTestId("admin-order-row").first()).toBeVisible()],
        ["/admin/orders?q=%EC%97%86%EB%8A%94%EC%9D%B4%EB%A6%84", () => expect(owner.getByText("조건에 맞는 주문이 없어요.")).toBeVisible()],
        ["/admin/products", h1],
        ["/admin/products/new", () => expect(owner.getByTestId("product-form")).toBeVisible()],
        ["/admin/accounts", h1],
        ["/admin/no-such-page", h1],
      ];
      for (const [path, ready] of pages) {
        await owner.goto(path);
        await ready();
        await check(path);
      }
      // A product's page with its form and history; the accounts page asking before a disable.
      await owner.goto("/admin/products");
      await owner.getByTestId("admin-product-row").first().getByRole("link").first().click();
      await expect(owner.getByTestId("product-form")).toBeVisible();
      await check("/admin/products/[id]");
      await owner.goto("/admin/accounts");
      const row = owner.getByTestId("account-row").filter({ hasText: adminAccounts.lockout.email });
      await row.getByRole("button", { name: "비활성화" }).click();
      await expect(row.getByRole("button", { name: "네, 비활성화해요" })).toBeFocused();
      await check("/admin/accounts (asking before a disable)");
      await row.getByRole("button", { name: "취소" }).click();
      if (screen.name === "phone") {
        await owner.getByRole("button", { name: "메뉴", exact: true }).click();
        await expect(owner.getByRole("navigation", { name: "관리자 메뉴" })).toBeVisible();
        await check("/admin/accounts (menu open)");
      }
      await owner.context().close();

      const staff = await (await browser.newContext(screen.use)).newPage();
      await signIn(staff, adminAccounts.staff, "/admin/accounts");
      await expect(staff).toHaveURL(/\/admin\/no-permission/);
      const list = await violations(staff);
      if (list.length > 0) found["/admin/no-permission"] = list;
      await staff.context().close();

      expect(found).toEqual({});
    });
  });
}
