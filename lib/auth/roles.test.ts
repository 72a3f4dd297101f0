import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { hasRole, resolveAdminAccess } from "./roles";
import { createUser } from "./users";

describe("role checks", () => {
  it("lets owners do what staff do, and not the other way round", () => {
    expect(hasRole({ role: "owner" }, "staff")).toBe(true);
    expect(hasRole({ role: "owner" }, "owner")).toBe(true);
    expect(hasRole({ role: "staff" }, "staff")).toBe(true);
    expect(hasRole({ role: "staff" }, "owner")).toBe(false);
  });

  it("reads the role and the disabled flag from the database at every check", async () => {
    const user = await createUser(db, { email: "demoted@example.com", password: "right-password-1", role: "owner" });
    const sessionId = { userId: String(user.id), sessionVersion: 0 };
    expect(await resolveAdminAccess(db, sessionId, "owner")).toMatchObject({ ok: true, user: { role: "owner" } });

    await db.update(users).set({ role: "staff" }).where(eq(users.id, user.id));
    expect(await resolveAdminAccess(db, sessionId, "owner")).toEqual({ ok: false, reason: "forbidden" });
    expect(await resolveAdminAccess(db, sessionId, "staff")).toMatchObject({ ok: true });

    await db.update(users).set({ disabled: true }).where(eq(users.id, user.id));
    expect(await resolveAdminAccess(db, sessionId, "staff")).toEqual({ ok: false, reason: "signed-out" });
  });

  it("treats no session, a malformed id and a deleted account as signed out", async () => {
    expect(await resolveAdminAccess(db, undefined, "staff")).toEqual({ ok: false, reason: "signed-out" });
    expect(await resolveAdminAccess(db, { userId: "abc", sessionVersion: 0 }, "staff")).toEqual({ ok: false, reason: "signed-out" });
    expect(await resolveAdminAccess(db, { userId: "987654", sessionVersion: 0 }, "staff")).toEqual({ ok: false, reason: "signed-out" });
  });

  it("treats a session without the account's current version as signed out", async () => {
    const user = await createUser(db, { email: "versioned@example.com", password: "right-password-1", role: "staff" });
    expect(await resolveAdminAccess(db, { userId: String(user.id) }, "staff")).toEqual({ ok: false, reason: "signed-out" });
    expect(await resolveAdminAccess(db, { userId: String(user.id), sessionVersion: "0" }, "staff")).toEqual({ ok: false, reason: "signed-out" });
    expect(await resolveAdminAccess(db, { userId: String(user.id), sessionVersion: 0 }, "staff")).toMatchObject({ ok: true });
    await db.update(users).set({ sessionVersion: 1 }).where(eq(users.id, user.id));
    expect(await resolveAdminAccess(db, { userId: String(user.id), sessionVersion: 0 }, "staff")).toEqual({ ok: false, reason: "signed-out" });
    expect(await resolveAdminAccess(db, { userId: String(user.id), sessionVersion: 1 }, "staff")).toMatchObject({ ok: true });
  });
});
