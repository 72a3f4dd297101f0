import bcrypt from "bcryptjs";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { authenticate } from "./sign-in";
import { createUser } from "./users";

let n = 0;
async function account(role: "owner" | "staff" = "owner") {
  const email = `person${++n}@example.com`;
  await createUser(db, { email, password: "right-password-1", role });
  return email;
}

describe("authenticate", () => {
  it("signs in with the right password, whatever the case of the email", async () => {
    const email = await account();
    const result = await authenticate(db, { email: email.toUpperCase(), password: "right-password-1", ip: "10.0.0.1" });
    expect(result).toMatchObject({ ok: true, user: { email, role: "owner" } });
  });

  it("answers a wrong password, an unknown email and a disabled account the same way", async () => {
    const email = await account();
    const disabled = await account();
    await db.update(users).set({ disabled: true }).where(eq(users.email, disabled));
    expect(await authenticate(db, { email, password: "wrong-password", ip: "10.0.0.2" })).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate(db, { email: "nobody@example.com", password: "wrong-password", ip: "10.0.0.2" })).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate(db, { email: disabled, password: "right-password-1", ip: "10.0.0.2" })).toEqual({ ok: false, reason: "invalid" });
  });

  it("locks an email after 5 failures: the right password is refused too, from any address", async () => {
    const email = await account();
    for (let i = 1; i <= 4; i++) {
      expect(await authenticate(db, { email, password: `wrong-${i}`, ip: `10.1.0.${i}` })).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await authenticate(db, { email, password: "wrong-5", ip: "10.1.0.5" })).toMatchObject({ ok: false, reason: "locked" });
    const refused = await authenticate(db, { email, password: "right-password-1", ip: "10.1.0.6" });
    expect(refused).toMatchObject({ ok: false, reason: "locked" });
    expect(refused.ok === false && refused.reason === "locked" && refused.retryAfterSeconds).toBeGreaterThan(14 * 60);
  });

  it("counts an unknown email's failures like a known one's", async () => {
    for (let i = 1; i <= 4; i++) await authenticate(db, { email: "ghost@example.com", password: "x", ip: `10.2.0.${i}` });
    expect(await authenticate(db, { email: "ghost@example.com", password: "x", ip: "10.2.0.9" })).toMatchObject({ reason: "locked" });
  });

  it("locks an address after 20 failures, for every email", async () => {
    for (let i = 1; i <= 19; i++) {
      expect(await authenticate(db, { email: `spray${i}@example.com`, password: "x", ip: "10.3.0.1" })).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await authenticate(db, { email: "spray20@example.com", password: "x", ip: "10.3.0.1" })).toMatchObject({ reason: "locked" });
    const email = await account();
    expect(await authenticate(db, { email, password: "right-password-1", ip: "10.3.0.1" })).toMatchObject({ reason: "locked" });
    expect(await authenticate(db, { email, password: "right-password-1", ip: "10.3.0.2" })).toMatchObject({ ok: true });
  });

  it("forgets an email's failures after a success", async () => {
    const email = await account();
    for (let i = 0; i < 4; i++) await authenticate(db, { email, password: "wrong", ip: "10.4.0.1" });
    expect(await authenticate(db, { email, password: "right-password-1", ip: "10.4.0.1" })).toMatchObject({ ok: true });
    expect(await authenticate(db, { email, password: "wrong", ip: "10.4.0.1" })).toEqual({ ok: false, reason: "invalid" });
  });

  it("upgrades a bcrypt hash to argon2id on sign-in", async () => {
    const [user] = await db
      .insert(users)
      .values({ email: "legacy@example.com", role: "owner", passwordHash: await bcrypt.hash("legacy-password-1", 4) })
      .returning();
    expect(await authenticate(db, { email: "legacy@example.com", password: "legacy-password-1", ip: "10.5.0.1" })).toMatchObject({ ok: true });
    const [after] = await db.select().from(users).where(eq(users.id, user!.id));
    expect(after!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await authenticate(db, { email: "legacy@example.com", password: "legacy-password-1", ip: "10.5.0.1" })).toMatchObject({ ok: true });
  });
});
