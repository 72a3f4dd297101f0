import { expect, type Page } from "@playwright/test";

export async function signIn(page: Page, account: { email: string; password: string }, from = "/admin") {
  await page.goto(from);
  await expect(page).toHaveURL(/\/signin/);
  await page.getByRole("textbox", { name: "이메일" }).fill(account.email);
  await page.getByLabel("비밀번호").fill(account.password);
  await page.getByRole("button", { name: "로그인" }).click();
  await expect(page.getByTestId("admin-user")).toContainText(account.email);
}

/** Submits the sign-in form and waits for the server's answer, not just for the text on screen. */
export async function submitSignIn(page: Page, email: string, password: string) {
  await page.getByRole("textbox", { name: "이메일" }).fill(email);
  await page.getByLabel("비밀번호").fill(password);
  await Promise.all([
    page.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/signin"),
    page.getByRole("button", { name: "로그인" }).click(),
  ]);
  // The form resets once the answer is rendered; typing before that would be wiped.
  await expect(page.getByRole("button", { name: "로그인" })).toBeEnabled();
}
