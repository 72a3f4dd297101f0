import type { Executor } from "@/db/client";
import { findActiveUser, type AdminUser, type Role } from "./users";

const RANK: Record<Role, number> = { staff: 1, owner: 2 };

/** Owners may do everything staff may; staff see orders and products only. */
export function hasRole(user: Pick<AdminUser, "role">, required: Role): boolean {
  return RANK[user.role] >= RANK[required];
}

export type AdminAccess = { ok: true; user: AdminUser } | { ok: false; reason: "signed-out" | "forbidden" };

/**
 * Decides what a session may do from the account as it is now in the database, so a demotion
 * or a disabled account takes effect at the next request, whatever the session token says.
 */
export async function resolveAdminAccess(db: Executor, sessionUserId: string | undefined, required: Role): Promise<AdminAccess> {
  const id = Number(sessionUserId);
  if (!sessionUserId || !Number.isSafeInteger(id) || id <= 0) return { ok: false, reason: "signed-out" };
  const user = await findActiveUser(db, id);
  if (!user) return { ok: false, reason: "signed-out" };
  if (!hasRole(user, required)) return { ok: false, reason: "forbidden" };
  return { ok: true, user };
}
