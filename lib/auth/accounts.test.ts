import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { accountEvents, users } from "@/db/schema";
import { createAccount, listAccountEvents, resetAccountPassword, setAccountDisabled, signOutEverywhere } from "./accounts";
import { resolveAdminAccess } from "./roles";
import { authenticate } from "./sign-in";
import { createUser } from "./users";

let counter = 0;
let signIns = 0;

/** What a sign-in puts in the session token, as Auth.js's callbacks in auth.config.ts copy it. */
async function sessionOf(email: string, password: string) {
  const signedIn = await authenticate(db, { email, password, ip: `198.51.100.${++signIns % 250}` });
  if (!signedIn.ok) throw new Error(`sign-in failed for ${email}`);
  return { userId: String(signedIn.user.id), sessionVersion: signedIn.user.sessionVersion };
}
async function owner() {
  return createUser(db, { email: `owner${++counter}@accounts.test`, password: "owner-password-1", role: "owner" });
}

describe("back-office accounts", () => {
  it("creates a staff account with a generated password shown once, which signs in, and audits it", async () => {
    const actor = await owner();
    const result = await createAccount(db, actor, { email: "New.Staff@Accounts.test", name: "새 직원", role: "staff", password: "" });
    expect(result).toMatchObject({ ok: true });
    const password = result.ok ? result.generatedPassword! : "";
    expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
    const signedIn = await authenticate(db, { email: "new.staff@accounts.test", password, ip: "203.0.113.7" });
    expect(signedIn).toMatchObject({ ok: true, user: { role: "staff", name: "새 직원" } });
    const [event] = await listAccountEvents(db, 1);
    expect(event).toMatchObject({ type: "CREATED", actor: `admin:${actor.email}`, email: "new.staff@accounts.test", data: { role: "staff", passwordGenerated: true } });
    expect(JSON.stringify(event)).not.toContain(password);
  });

  it("refuses a short password, a taken email and a staff actor, writing nothing", async () => {
    const actor = await owner();
    const before = (await db.select().from(accountEvents)).length;
    expect(await createAccount(db, actor, { email: "short@accounts.test", role: "staff", password: "short" })).toMatchObject({ ok: false, fieldErrors: { password: "비밀번호는 10자 이상이어야 해요." } });
    expect(await createAccount(db, actor, { email: "not-an-email", role: "staff" })).toMatchObject({ ok: false, fieldErrors: { email: "이메일 주소를 확인해 주세요." } });
    expect(await createAccount(db, actor, { email: actor.email.toUpperCase(), role: "staff", password: "long-enough-1" })).toMatchObject({ ok: false, fieldErrors: { email: "이미 계정이 있는 이메일이에요." } });
    const staff = await createUser(db, { email: `staff${++counter}@accounts.test`, password: "staff-password-1", role: "staff" });
    expect(await createAccount(db, staff, { email: "by-staff@accounts.test", role: "staff", password: "long-enough-1" })).toMatchObject({ ok: false });
    expect(await setAccountDisabled(db, staff, actor.id, true)).toMatchObject({ ok: false });
    expect(await resetAccountPassword(db, staff, actor.id, { password: "" })).toMatchObject({ ok: false });
    expect((await db.select().from(accountEvents)).length).toBe(before);
    expect(await db.select().from(users).where(eq(users.email, "by-staff@accounts.test"))).toHaveLength(0);
  });

  it("disables an account so its session stops at the next check, and enables it again", async () => {
    const actor = await owner();
    const staff = await createUser(db, { email: `staff${++counter}@accounts.test`, password: "staff-password-1", role: "staff" });
    const session = await sessionOf(staff.email, "staff-password-1");
    expect(await resolveAdminAccess(db, session, "staff")).toMatchObject({ ok: true });
    expect(await setAccountDisabled(db, actor, staff.id, true)).toMatchObject({ ok: true });
    expect(await resolveAdminAccess(db, session, "staff")).toEqual({ ok: false, reason: "signed-out" });
    expect(await authenticate(db, { email: staff.email, password: "staff-password-1", ip: "203.0.113.8" })).toMatchObject({ ok: false });
    expect(await setAccountDisabled(db, actor, staff.id, false)).toMatchObject({ ok: true });
    // The dialog promised "바로 로그아웃돼요": the session opened before the disable stays ended.
    expect(await resolveAdminAccess(db, session, "staff")).toEqual({ ok: false, reason: "signed-out" });
    expect(await resolveAdminAccess(db, await sessionOf(staff.email, "staff-password-1"), "staff")).toMatchObject({ ok: true });
    const types = (await db.select().from(accountEvents).where(eq(accountEvents.userId, staff.id))).map((e) => e.type);
    expect(types).toEqual(["DISABLED", "ENABLED"]);
  });

  it("never disables the owner acting, nor the last active owner", async () => {
    const only = await owner();
    expect(await setAccountDisabled(db, only, only.id, true)).toEqual({ ok: false, message: "자기 계정은 비활성화할 수 없어요." });
    const second = await owner();
    // Every other owner of this file's database is disabled first, so `only` is the last one.
    for (const row of await db.select().from(users).where(eq(users.role, "owner"))) {
      if (row.id !== only.id && row.id !== second.id) await db.update(users).set({ disabled: true }).where(eq(users.id, row.id));
    }
    expect(await setAccountDisabled(db, second, only.id, true)).toMatchObject({ ok: true });
    await db.update(users).set({ disabled: false }).where(eq(users.id, only.id));
    await db.update(users).set({ disabled: true }).where(eq(users.id, second.id));
    expect(await setAccountDisabled(db, second, only.id, true)).toEqual({ ok: false, message: "마지막 점주 계정은 비활성화할 수 없어요." });
  });

  it("ends the sessions opened before a password reset, also across disable, reset and re-enable", async () => {
    const actor = await owner();
    const staff = await createUser(db, { email: `staff${++counter}@accounts.test`, password: "old-password-1", role: "staff" });
    const before = await sessionOf(staff.email, "old-password-1");
    expect(await resolveAdminAccess(db, before, "staff")).toMatchObject({ ok: true });
    expect(await resetAccountPassword(db, actor, staff.id, { password: "new-password-22" })).toMatchObject({ ok: true });
    expect(await resolveAdminAccess(db, before, "staff")).toEqual({ ok: false, reason: "signed-out" });

    const second = await sessionOf(staff.email, "new-password-22");
    expect(await setAccountDisabled(db, actor, staff.id, true)).toMatchObject({ ok: true });
    expect(await resetAccountPassword(db, actor, staff.id, { password: "third-password-333" })).toMatchObject({ ok: true });
    expect(await setAccountDisabled(db, actor, staff.id, false)).toMatchObject({ ok: true });
    expect(await resolveAdminAccess(db, second, "staff")).toEqual({ ok: false, reason: "signed-out" });
    expect(await resolveAdminAccess(db, await sessionOf(staff.email, "third-password-333"), "staff")).toMatchObject({ ok: true });
  });

  it("signs an account out everywhere: every session it had ends, a new sign-in works", async () => {
    const staff = await createUser(db, { email: `staff${++counter}@accounts.test`, password: "staff-password-1", role: "staff" });
    const phone = await sessionOf(staff.email, "staff-password-1");
    const laptop = await sessionOf(staff.email, "staff-password-1");
    await signOutEverywhere(db, staff);
    expect(await resolveAdminAccess(db, phone, "staff")).toEqual({ ok: false, reason: "signed-out" });
    expect(await resolveAdminAccess(db, laptop, "staff")).toEqual({ ok: false, reason: "signed-out" });
    expect(await resolveAdminAccess(db, await sessionOf(staff.email, "staff-password-1"), "staff")).toMatchObject({ ok: true });
    const types = (await db.select().from(accountEvents).where(eq(accountEvents.userId, staff.id))).map((e) => e.type);
    expect(types).toEqual(["SIGNED_OUT_EVERYWHERE"]);
  });

  it("resets a password to the owner's choice or a generated one; the old one stops working", async () => {
    const actor = await owner();
    const staff = await createUser(db, { email: `staff${++counter}@accounts.test`, password: "old-password-1", role: "staff" });
    expect(await resetAccountPassword(db, actor, staff.id, { password: "new-password-22" })).toMatchObject({ ok: true });
    expect(await authenticate(db, { email: staff.email, password: "old-password-1", ip: "203.0.113.9" })).toMatchObject({ ok: false });
    expect(await authenticate(db, { email: staff.email, password: "new-password-22", ip: "203.0.113.9" })).toMatchObject({ ok: true });
    const generated = await resetAccountPassword(db, actor, staff.id, { password: "" });
    expect(generated).toMatchObject({ ok: true, generatedPassword: expect.stringMatching(/^[A-Za-z0-9]{16}$/) });
    expect(await authenticate(db, { email: staff.email, password: generated.ok ? generated.generatedPassword! : "", ip: "203.0.113.9" })).toMatchObject({ ok: true });
    expect(await resetAccountPassword(db, actor, staff.id, { password: "too-short" })).toMatchObject({ ok: false, fieldErrors: { password: "비밀번호는 10자 이상이어야 해요." } });
    const types = (await db.select().from(accountEvents).where(eq(accountEvents.userId, staff.id))).map((e) => e.type);
    expect(types).toEqual(["PASSWORD_RESET", "PASSWORD_RESET"]);
  });
});
