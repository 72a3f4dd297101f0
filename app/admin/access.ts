import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { z } from "zod";
import { fieldErrorsOf } from "@/lib/input";
import { auth } from "@/auth";
import { db } from "@/db/client";
import { log } from "@/lib/log";
import { resolveAdminAccess, type AdminAccess } from "@/lib/auth/roles";
import type { AdminActionState } from "@/lib/auth/admin-action-state";
import type { AdminUser, Role } from "@/lib/auth/users";

export type { AdminActionState };

/**
 * The one gate of the back office. Every admin page, query and server action goes through it:
 * the proxy only turns anonymous visitors away, this checks the account in the database.
 */
const accessFor = cache(async (role: Role): Promise<AdminAccess> => {
  const session = await auth();
  return resolveAdminAccess(db, session?.user && { userId: session.user.id, sessionVersion: session.user.sessionVersion }, role);
});

/**
 * For pages: the signed-in account, or a redirect to sign-in; a signed-in account of too small a
 * role goes to the page that says whose permission it needs (app/admin/no-permission).
 */
export async function requireAdmin(options: { role?: Role; from?: string } = {}): Promise<AdminUser> {
  const access = await accessFor(options.role ?? "staff");
  if (access.ok) return access.user;
  if (access.reason === "forbidden") redirect(`/admin/no-permission${options.from ? `?from=${encodeURIComponent(options.from)}` : ""}`);
  redirect(`/signin${options.from ? `?callbackUrl=${encodeURIComponent(options.from)}` : ""}`);
}

/** Like requireAdmin, for code that answers itself (CSV export): null instead of navigating. */
export async function currentAdmin(role: Role = "staff"): Promise<AdminAccess> {
  return accessFor(role);
}


/**
 * Wraps an admin server action: checks the session and role against the database, then parses the
 * FormData with `schema` (strings through lib/input.ts's `text()`), and only then runs `fn`.
 * Without a session, or with too small a role, nothing runs and the answer says so.
 */
export function adminAction<S extends z.ZodType<Record<string, unknown>>>(
  schema: S,
  options: { role: Role },
  fn: (input: z.infer<S>, user: AdminUser) => Promise<AdminActionState>,
) {
  return async (_previous: AdminActionState, formData: FormData): Promise<AdminActionState> => {
    const access = await accessFor(options.role);
    if (!access.ok) {
      log.warn({ reason: access.reason, role: options.role }, "admin action refused");
      return { ok: false, error: access.reason === "forbidden" ? "이 작업은 점주 계정만 할 수 있어요." : "로그인이 필요해요. 다시 로그인해 주세요." };
    }
    const parsed = schema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) {
      return { ok: false, error: parsed.error.issues[0]?.message ?? "입력을 확인해 주세요.", fieldErrors: fieldErrorsOf(parsed.error) };
    }
    return fn(parsed.data, access.user);
  };
}

/** For the shopper's order page (canViewOrder): the signed-in back-office account's role, if any. */
export async function adminSession(): Promise<{ role: Role } | null> {
  const access = await accessFor("staff");
  return access.ok ? { role: access.user.role } : null;
}
