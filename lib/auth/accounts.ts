import { randomInt } from "node:crypto";
import { and, asc, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database, Executor } from "@/db/client";
import { accountEvents, users, userRoles } from "@/db/schema";
import { fieldErrorsOf, text } from "@/lib/input";
import { adminActorName } from "./actor";
import { hashPassword, passwordProblem, PASSWORD_MAX_LENGTH } from "./password";
import { createUser, DuplicateEmailError, endSessionsOf, normalizeEmail, type AdminUser } from "./users";

export type AccountResult =
  | { ok: true; message: string; /** shown once to the owner, never stored in clear */ generatedPassword?: string }
  | { ok: false; message: string; fieldErrors?: Record<string, string> };

// No look-alikes (0/O, 1/l/I): an owner reads it out or types it on another device.
const PASSWORD_ALPHABET = "23456789abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";

/** A random password for a new or reset account: 16 characters, about 93 bits. */
export function generatePassword(): string {
  return Array.from({ length: 16 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join("");
}

/** Empty → generate one; otherwise the owner's choice, checked by the one password rule. */
const chosenPassword = text(PASSWORD_MAX_LENGTH, `비밀번호는 ${PASSWORD_MAX_LENGTH}자까지 쓸 수 있어요.`)
  .default("")
  .superRefine((value, ctx) => {
    const problem = value === "" ? null : passwordProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const createAccountSchema = z.object({
  email: text(320, "이메일은 320자 이내로 입력해 주세요.").trim().pipe(z.email("이메일 주소를 확인해 주세요.")),
  name: text(100, "이름은 100자 이내로 입력해 주세요.").trim().default(""),
  role: z.enum(userRoles, "역할을 골라 주세요.").default("staff"),
  password: chosenPassword,
});

export const resetPasswordSchema = z.object({ password: chosenPassword });

/** An owner creates a staff (or owner) account, with a password of their choice or a generated one. */
export async function createAccount(db: Database, actor: AdminUser, input: unknown): Promise<AccountResult> {
  if (actor.role !== "owner") return { ok: false, message: "계정 관리는 점주만 할 수 있어요." };
  const parsed = createAccountSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: "입력한 내용을 확인해 주세요.", fieldErrors: fieldErrorsOf(parsed.error) };
  const { email, name, role } = parsed.data;
  const generated = parsed.data.password === "" ? generatePassword() : undefined;
  try {
    await db.transaction(async (tx) => {
      const user = await createUser(tx, { email, name, role, password: generated ?? parsed.data.password });
      await tx.insert(accountEvents).values({ userId: user.id, type: "CREATED", actor: adminActorName(actor), data: { role, passwordGenerated: !!generated } });
    });
  } catch (error) {
    if (error instanceof DuplicateEmailError) return { ok: false, message: "입력한 내용을 확인해 주세요.", fieldErrors: { email: "이미 계정이 있는 이메일이에요." } };
    throw error;
  }
  return { ok: true, message: `${normalizeEmail(email)} 계정을 만들었어요.`, ...(generated && { generatedPassword: generated }) };
}

/**
 * Disables or re-enables an account. Disabling ends its sessions for good: they stop at their
 * next request, and re-enabling the account does not bring them back. An owner cannot disable themselves, and the
 * last active owner stays, so the store is never left without one.
 */
export async function setAccountDisabled(db: Database, actor: AdminUser, userId: number, disabled: boolean): Promise<AccountResult> {
  if (actor.role !== "owner") return { ok: false, message: "계정 관리는 점주만 할 수 있어요." };
  if (disabled && userId === actor.id) return { ok: false, message: "자기 계정은 비활성화할 수 없어요." };
  return db.transaction(async (tx): Promise<AccountResult> => {
    // Lock every active owner, so two owners disabling each other at once cannot both succeed.
    const owners = await tx.select({ id: users.id }).from(users).where(and(eq(users.role, "owner"), eq(users.disabled, false))).orderBy(asc(users.id)).for("update");
    const [target] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
    if (!target) return { ok: false, message: "계정을 찾을 수 없어요." };
    if (target.disabled === disabled) return { ok: true, message: disabled ? "이미 비활성화된 계정이에요." : "이미 사용 중인 계정이에요." };
    if (disabled && target.role === "owner" && owners.filter((o) => o.id !== userId).length === 0) return { ok: false, message: "마지막 점주 계정은 비활성화할 수 없어요." };
    await tx
      .update(users)
      .set({ disabled, ...(disabled && endSessionsOf()) })
      .where(eq(users.id, userId));
    await tx.insert(accountEvents).values({ userId, type: disabled ? "DISABLED" : "ENABLED", actor: adminActorName(actor) });
    return { ok: true, message: disabled ? `${target.email} 계정을 비활성화했어요. 바로 로그아웃돼요.` : `${target.email} 계정을 다시 쓸 수 있어요.` };
  });
}

/**
 * An owner resets another account's password: their choice (≥ 10 characters) or a generated one
 * shown once. Every session the account had open ends: a reset is how an owner locks someone out.
 */
export async function resetAccountPassword(db: Database, actor: AdminUser, userId: number, input: unknown): Promise<AccountResult> {
  if (actor.role !== "owner") return { ok: false, message: "계정 관리는 점주만 할 수 있어요." };
  const parsed = resetPasswordSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: "입력한 내용을 확인해 주세요.", fieldErrors: fieldErrorsOf(parsed.error) };
  const generated = parsed.data.password === "" ? generatePassword() : undefined;
  const passwordHash = await hashPassword(generated ?? parsed.data.password);
  return db.transaction(async (tx): Promise<AccountResult> => {
    const [target] = await tx
      .update(users)
      .set({ passwordHash, ...endSessionsOf() })
      .where(eq(users.id, userId))
      .returning({ email: users.email });
    if (!target) return { ok: false, message: "계정을 찾을 수 없어요." };
    await tx.insert(accountEvents).values({ userId, type: "PASSWORD_RESET", actor: adminActorName(actor), data: { passwordGenerated: !!generated } });
    return { ok: true, message: `${target.email} 계정의 비밀번호를 바꿨어요.`, ...(generated && { generatedPassword: generated }) };
  });
}

/** Anyone signed in ends every session of their own account, on every device, this one included. */
export async function signOutEverywhere(db: Database, actor: AdminUser): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(users).set(endSessionsOf()).where(eq(users.id, actor.id));
    await tx.insert(accountEvents).values({ userId: actor.id, type: "SIGNED_OUT_EVERYWHERE", actor: adminActorName(actor) });
  });
}

/** Every back-office account, owners first. */
export async function listAccounts(db: Executor) {
  return db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, disabled: users.disabled, createdAt: users.createdAt })
    .from(users)
    .orderBy(desc(eq(users.role, "owner")), asc(users.id));
}

/** The audit trail, newest first, with the email of the account each event is about. */
export async function listAccountEvents(db: Executor, limit = 100) {
  return db
    .select({ id: accountEvents.id, type: accountEvents.type, actor: accountEvents.actor, data: accountEvents.data, createdAt: accountEvents.createdAt, email: users.email })
    .from(accountEvents)
    .innerJoin(users, eq(users.id, accountEvents.userId))
    .orderBy(desc(accountEvents.id))
    .limit(limit);
}
