import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { hashPassword, passwordProblem, verifyPassword } from "./password";

describe("passwords", () => {
  it("hashes with argon2id and verifies only the right password", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, "correct horse battery")).toEqual({ ok: true, needsRehash: false });
    expect(await verifyPassword(hash, "correct horse batterx")).toEqual({ ok: false });
  });

  it("accepts an existing bcrypt hash and asks for an upgrade", async () => {
    const legacy = await bcrypt.hash("legacy-password-1", 4);
    expect(await verifyPassword(legacy, "legacy-password-1")).toEqual({ ok: true, needsRehash: true });
    expect(await verifyPassword(legacy, "legacy-password-2")).toEqual({ ok: false });
  });

  it("refuses a password past bcrypt's 72 bytes against a bcrypt hash, which would match its first 72", async () => {
    const long = "가".repeat(30);
    const legacy = await bcrypt.hash(long, 4);
    expect(await verifyPassword(legacy, long + "다른")).toEqual({ ok: false });
  });

  it("refuses short passwords and garbage hashes", async () => {
    expect(passwordProblem("short")).toMatch(/10자/);
    await expect(hashPassword("short")).rejects.toThrow();
    expect(await verifyPassword("not a hash", "whatever-password")).toEqual({ ok: false });
  });
});
