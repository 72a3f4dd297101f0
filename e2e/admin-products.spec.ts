import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { adminAccounts } from "./admin-accounts";
import { signIn } from "./admin-helpers";

// A 1×1 PNG: real image bytes, since uploads are checked by content.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

test("an owner changes a product's price and address; the storefront shows it at once and the old address redirects", async ({ page, browser }) => {
  const owner = await browser.newPage();
  await signIn(owner, adminAccounts.owner, "/admin/products");
  await owner.goto("/admin/products");
  const row = owner.getByTestId("admin-product-row").filter({ hasText: "저온 압착 참기름 세트" });
  await expect(row).toContainText("재고 있음");
  await row.getByRole("link", { name: "저온 압착 참기름 세트" }).click();

  const form = owner.getByTestId("product-form");
  await form.getByRole("spinbutton", { name: "가격 (원)" }).fill("10000001");
  await form.getByRole("button", { name: "저장" }).click();
  await expect(form.getByText("가격은 1,000만 원 이하여야 해요")).toBeVisible();

  await form.getByRole("spinbutton", { name: "가격 (원)" }).fill("27900");
  await form.getByRole("textbox", { name: "상품 주소" }).fill("sesame-oil-duo");
  await form.getByRole("button", { name: "저장" }).click();
  await expect(form.getByRole("status")).toHaveText("저장했어요. 상점에 바로 반영됩니다.");

  // The shopper's next request shows the new price, under the new address; the old one redirects.
  await page.goto("/products/sesame-oil-set");
  await expect(page).toHaveURL(/\/products\/sesame-oil-duo$/);
  await expect(page.getByTestId("product-price")).toHaveText("27,900원");
  await page.goto("/");
  await expect(page.getByTestId("product-grid").getByRole("listitem").filter({ hasText: "저온 압착 참기름 세트" })).toContainText("27,900원");

  // A stock change with its reason is kept in the product's history: who, when, why.
  const stock = owner.getByTestId("stock-form");
  await stock.getByRole("spinbutton", { name: /변경 수량/ }).fill("3");
  await stock.getByRole("textbox", { name: "사유" }).fill("추석 물량 입고");
  await stock.getByRole("button", { name: "재고 변경" }).click();
  await expect(stock.getByRole("status")).toHaveText("재고를 21개로 바꿨어요.");
  await expect(owner.getByTestId("product-events")).toContainText("추석 물량 입고");
  await expect(owner.getByTestId("product-events")).toContainText(`admin:${adminAccounts.owner.email}`);
  await page.goto("/products/sesame-oil-duo");
  await expect(page.getByTestId("stock-state")).toContainText("재고 있음");
  await owner.close();
});

test("an owner creates a product with an uploaded image; deactivated, it disappears from the catalog and its page answers 404", async ({ page, browser }) => {
  const slug = `e2e-${randomBytes(4).toString("hex")}`;
  const owner = await browser.newPage();
  await signIn(owner, adminAccounts.owner, "/admin/products/new");
  await owner.goto("/admin/products/new");
  const form = owner.getByTestId("product-form");
  await form.getByRole("textbox", { name: "상품명" }).fill("시험용 감귤청");
  // The address is suggested from the name, and stays editable.
  await expect(form.getByRole("textbox", { name: "상품 주소" })).toHaveValue("siheomyong-gamgyulcheong");
  await form.getByRole("textbox", { name: "상품 주소" }).fill(slug);
  await form.getByRole("spinbutton", { name: "가격 (원)" }).fill("11000");
  await form.getByRole("spinbutton", { name: "시작 재고 (개)" }).fill("7");
  // An SVG is refused by its content, whatever its name says.
  await form.getByLabel(/상품 이미지/).setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') });
  await form.getByRole("button", { name: "상품 등록" }).click();
  await expect(form.getByText("PNG, JPEG, WebP 이미지만 올릴 수 있어요").first()).toBeVisible();

  await form.getByLabel(/상품 이미지/).setInputFiles({ name: "gamgyul.png", mimeType: "image/png", buffer: PNG });
  await expect(form.getByRole("img", { name: "고른 이미지 미리보기" })).toBeVisible();
  await form.getByRole("button", { name: "상품 등록" }).click();
  await expect(owner).toHaveURL(/\/admin\/products\/\d+\?created=1$/);

  await page.goto(`/products/${slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("시험용 감귤청");
  const image = await page.request.get((await page.getByRole("img", { name: "시험용 감귤청" }).getAttribute("src"))!);
  expect(image.headers()["content-type"]).toBe("image/png");

  await owner.getByTestId("product-form").getByRole("checkbox", { name: /판매 중/ }).uncheck();
  await owner.getByTestId("product-form").getByRole("button", { name: "저장" }).click();
  await expect(owner.getByTestId("product-form").getByRole("status")).toHaveText("저장했어요. 상점에 바로 반영됩니다.");

  const response = await page.goto(`/products/${slug}`);
  expect(response?.status()).toBe(404);
  await page.goto("/");
  await expect(page.getByTestId("product-grid")).toBeVisible();
  await expect(page.getByTestId("product-grid").getByText("시험용 감귤청")).toHaveCount(0);
  await owner.close();
});

test("staff see products and change stock, but cannot edit a product or open accounts, and are told who can", async ({ browser }) => {
  const staff = await browser.newPage();
  await signIn(staff, adminAccounts.staff, "/admin/products");
  await staff.goto("/admin/products");
  await expect(staff.getByRole("link", { name: "상품 등록" })).toHaveCount(0);
  await expect(staff.getByRole("link", { name: "계정" })).toHaveCount(0);
  await staff.getByRole("link", { name: "손뜨개 면 행주 3매" }).click();
  await expect(staff.getByTestId("product-form")).toHaveCount(0);
  await expect(staff.getByTestId("stock-form")).toBeVisible();
  for (const [path, name] of [["/admin/accounts", "계정"], ["/admin/products/new", "상품 등록"]]) {
    await staff.goto(path!);
    await expect(staff).toHaveURL(/\/admin\/no-permission\?from=/);
    await expect(staff.getByRole("heading", { level: 1 })).toHaveText("점주 계정만 열 수 있는 화면이에요");
    await expect(staff.getByRole("main")).toContainText(`${name} 화면은 점주 계정만 쓸 수 있어요`);
    await expect(staff.getByRole("main")).toContainText("권한은 점주 계정이 줄 수 있어요");
  }
  await staff.close();
});
