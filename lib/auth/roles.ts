import type { Executor } from "@/db/client";
import { findActiveUser, type AdminUser, type Role } from "./users";

const RANK: Record<Role, number> = { staff: 1, owner: 2 };

/** Owners may do everything staff may; staff see orders and products only. */
export function hasRole(user: Pick<AdminUser, "role">, required: Role): boolean {
  return RANK[user.role] >= RANK[required];
}

export type AdminAccess = { ok: true; user: AdminUser } | { ok: false; reason: "signed-out" | "forbidden" };

/** What a session token says about its account: the id and the session version it was signed in at. */
export type SessionClaims = { userId?: string; sessionVersion?: unknown } | null | undefined;

/**
 * Decides what a session may do from the account as it is now in the database, so a demotion,
 * a disabled account, a password reset or a sign-out everywhere takes effect at the next request,
 * whatever the session token says. A token without a version (signed before versions existed)
 * counts as signed out.
 */
export async function resolveAdminAccess(db: Executor, session: SessionClaims, required: Role): Promise<AdminAccess> {
  const id = Number(session?.userId);
  if (!session?.userId || !Number.isSafeInteger(id) || id <= 0) return { ok: false, reason: "signed-out" };
  const user = await findActiveUser(db, id);
  if (!user || user.sessionVersion !== session.sessionVersion) return { ok: false, reason: "signed-out" };
  if (!hasRole(user, required)) return { ok: false, reason: "forbidden" };
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}
