import { eq, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { users, type User, userRoles } from "@/db/schema";
import { hashPassword } from "./password";

export type Role = (typeof userRoles)[number];

/** Who is signed in, as every admin page and action sees it: read from the database each time. */
export type AdminUser = Pick<User, "id" | "email" | "name" | "role">;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(db: Executor, email: string): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(sql`lower(${users.email}) = ${normalizeEmail(email)}`).limit(1);
  return user;
}

/** The account behind a session, with the session version it must carry, or null when it is gone or disabled. */
export async function findActiveUser(db: Executor, id: number): Promise<(AdminUser & { sessionVersion: number }) | null> {
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, disabled: users.disabled, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  if (!user || user.disabled) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
}

/**
 * Ends every open session of an account at its next request: sessions are JWTs that cannot be
 * recalled, so each carries the version it was signed in at and resolveAdminAccess compares.
 */
export function endSessionsOf(): { sessionVersion: SQL } {
  return { sessionVersion: sql`${users.sessionVersion} + 1` };
}

export class DuplicateEmailError extends Error {}

/** Creates an account; the password must pass passwordProblem() (hashPassword refuses otherwise). */
export async function createUser(db: Executor, input: { email: string; password: string; role: Role; name?: string }): Promise<AdminUser> {
  const passwordHash = await hashPassword(input.password);
  const [created] = await db
    .insert(users)
    .values({ email: normalizeEmail(input.email), name: input.name ?? "", role: input.role, passwordHash })
    .onConflictDoNothing()
    .returning({ id: users.id, email: users.email, name: users.name, role: users.role });
  if (!created) throw new DuplicateEmailError(`${input.email} already has an account`);
  return created;
}

export async function setPasswordHash(db: Executor, id: number, passwordHash: string): Promise<void> {
  await db.update(users).set({ passwordHash }).where(eq(users.id, id));
}

/** How an account is named as the actor of an order, product or account event. */
export const actorName = (actor: Pick<AdminUser, "email">) => `admin:${actor.email}`;
