import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { adminAccounts } from "./admin-accounts";
import { signIn } from "./admin-helpers";

test("an owner creates a staff account with a one-time password; a reset and a disable each sign the staff out at once, for good", async ({ browser }) => {
  test.setTimeout(60_000);
  const email = `staff-${randomBytes(4).toString("hex")}@e2e.jangteo.test`;
  const owner = await browser.newPage();
  await signIn(owner, adminAccounts.owner, "/admin/accounts");
  await owner.getByRole("link", { name: "계정" }).click();

  const create = owner.getByTestId("create-account");
  await create.getByRole("textbox", { name: "이메일" }).fill(email);
  await create.getByRole("textbox", { name: "이름" }).fill("새 직원");
  await create.getByRole("button", { name: "계정 만들기" }).click();
  await expect(create.getByRole("status")).toHaveText(`${email} 계정을 만들었어요.`);
  const password = (await create.getByTestId("generated-password").textContent())!.trim();
  expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
  // Ready for the next account: nothing of this one is left in the form.
  await expect(create.getByRole("textbox", { name: "이메일" })).toHaveValue("");
  await expect(create.getByRole("textbox", { name: "이름" })).toHaveValue("");

  const staff = await (await browser.newContext()).newPage();
  await signIn(staff, { email, password });
  await expect(staff.getByTestId("admin-user")).toContainText("직원");

  const row = owner.getByTestId("account-row").filter({ hasText: email });
  await row.getByText("비밀번호 재설정").click();
  await row.getByLabel(/새 비밀번호/).fill("chosen-password-10");
  await row.getByRole("button", { name: "재설정" }).click();
  await expect(row.getByRole("status").last()).toHaveText(`${email} 계정의 비밀번호를 바꿨어요.`);
  // The session opened before the reset ends at its next request, though its token is still valid.
  await staff.goto("/admin/orders");
  await expect(staff).toHaveURL(/\/signin/);
  await staff.context().clearCookies();
  await signIn(staff, { email, password: "chosen-password-10" });
  const staffCookies = await staff.context().cookies();

  // Disabling asks first; 취소 leaves the account as it was.
  await row.getByRole("button", { name: "비활성화" }).click();
  await row.getByRole("button", { name: "취소" }).click();
  await expect(row.getByRole("button", { name: "비활성화" })).toBeVisible();
  await row.getByRole("button", { name: "비활성화" }).click();
  await row.getByRole("button", { name: "네, 비활성화해요" }).click();
  await expect(row.getByRole("button", { name: "다시 사용" })).toBeVisible();
  await staff.goto("/admin/orders");
  await expect(staff).toHaveURL(/\/signin/);

  // Re-enabled, the account signs in again; the cookie from before the disable stays ended.
  await row.getByRole("button", { name: "다시 사용" }).click();
  await expect(row.getByRole("button", { name: "비활성화" })).toBeVisible();
  const old = await (await browser.newContext()).newPage();
  await old.context().addCookies(staffCookies);
  await old.goto("/admin/orders");
  await expect(old).toHaveURL(/\/signin/);

  await expect(owner.getByTestId("account-events")).toContainText(`계정 생성 · ${email}`);
  await expect(owner.getByTestId("account-events")).toContainText(`비밀번호 재설정 · ${email}`);
  await expect(owner.getByTestId("account-events")).toContainText(`비활성화 · ${email} · admin:${adminAccounts.owner.email}`);
  await owner.close();
});
