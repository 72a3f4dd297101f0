"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/db/client";
import { adminAction, type AdminActionState } from "@/app/admin/access";
import { createAccount, resetAccountPassword, setAccountDisabled, type AccountResult } from "@/lib/auth/accounts";

const userId = z.coerce.number({ error: "계정이 올바르지 않아요." }).int("계정이 올바르지 않아요.").positive("계정이 올바르지 않아요.");

function answer(result: AccountResult): AdminActionState {
  if (!result.ok) return { ok: false, error: result.message, ...(result.fieldErrors && { fieldErrors: result.fieldErrors }) };
  revalidatePath("/admin/accounts");
  return { ok: true, message: result.message, ...(result.generatedPassword && { secret: result.generatedPassword }) };
}

/** Owners only: the accounts lib checks every field (email, role, password rule). */
export const createAccountAction = adminAction(z.record(z.string(), z.unknown()), { role: "owner" }, async (form, user) =>
  answer(await createAccount(db, user, { email: form.email, name: form.name ?? "", role: form.role, password: form.password ?? "" })),
);

export const setAccountDisabledAction = adminAction(z.object({ userId, disabled: z.enum(["true", "false"]) }), { role: "owner" }, async (form, user) =>
  answer(await setAccountDisabled(db, user, form.userId, form.disabled === "true")),
);

export const resetPasswordAction = adminAction(z.object({ userId }).loose(), { role: "owner" }, async (form, user) =>
  answer(await resetAccountPassword(db, user, form.userId, { password: form.password ?? "" })),
);
