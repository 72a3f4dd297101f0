import { expect, test } from "@playwright/test";
import { adminAccounts } from "./admin-accounts";
import { signIn, submitSignIn } from "./admin-helpers";

test("an anonymous visit to the back office lands on the sign-in page", async ({ page }) => {
  for (const path of ["/admin", "/admin/orders", "/admin/orders/no-such-order"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
    await expect(page.getByRole("heading", { name: "관리자 로그인" })).toBeVisible();
  }
});

test("the proxy itself turns anonymous requests away, even where no page would check", async ({ request }) => {
  // Only a catch-all answers this path, inside the admin layout whose own check would send the
  // visitor to sign in with callbackUrl=/admin; the proxy's answer names the page asked for.
  const response = await request.get("/admin/no-such-page", { maxRedirects: 0 });
  expect(response.status()).toBe(307);
  const location = new URL(response.headers().location!, "http://x");
  expect(location.pathname).toBe("/signin");
  expect(new URL(location.searchParams.get("callbackUrl")!, "http://x").pathname).toBe("/admin/no-such-page");
});

test("a wrong password shows an error that does not say which part was wrong", async ({ page }) => {
  await page.goto("/signin");
  await page.getByRole("textbox", { name: "이메일" }).fill(adminAccounts.owner.email);
  await page.getByLabel("비밀번호").fill("not-the-password");
  await page.getByRole("button", { name: "로그인" }).click();
  await expect(page.getByTestId("signin-error")).toHaveText("이메일 또는 비밀번호가 올바르지 않아요.");
  await expect(page).toHaveURL(/\/signin/);
});

test("after five wrong passwords the right one is refused", async ({ page }) => {
  const { email, password } = adminAccounts.lockout;
  await page.goto("/signin");
  for (let attempt = 1; attempt <= 5; attempt++) {
    await submitSignIn(page, email, `wrong-password-${attempt}`);
    await expect(page.getByTestId("signin-error")).toHaveText(attempt < 5 ? "이메일 또는 비밀번호가 올바르지 않아요." : /15분 뒤에 다시 시도/);
  }
  await submitSignIn(page, email, password);
  await expect(page.getByTestId("signin-error")).toHaveText(/15분 뒤에 다시 시도/);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/signin/);
});

test("an owner signs in, sees who is signed in, and signs out", async ({ page }) => {
  await signIn(page, adminAccounts.owner);
  await expect(page.getByTestId("admin-user")).toContainText("점주");
  // The gate never re-issues the session: a response still in flight at sign-out (a prefetch of
  // another admin page) would otherwise bring the session back.
  const gated = await page.request.get("/admin/orders", { headers: { rsc: "1" } });
  expect(gated.status()).toBe(200);
  expect(gated.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie" && /authjs\.session-token/.test(h.value))).toEqual([]);
  await page.getByRole("button", { name: "로그아웃", exact: true }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/signin/);
});
