"use server";

import { AuthError, type CredentialsSignin } from "next-auth";
import { z } from "zod";
import { signIn } from "@/auth";
import { text } from "@/lib/input";
import { safeCallbackPath } from "@/lib/auth/callback";

/** The email comes back so that the form, reset after each attempt, keeps it. */
export type SignInState = { error: string; email: string } | null;

const signInSchema = z.object({
  email: text(320, "이메일을 확인해 주세요.").trim().min(1, "이메일을 입력해 주세요."),
  password: text(256, "비밀번호를 확인해 주세요.").min(1, "비밀번호를 입력해 주세요."),
  callbackUrl: text(2000).optional(),
});

export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = signInSchema.safeParse(Object.fromEntries(formData));
  const typed = String(formData.get("email") ?? "").slice(0, 320);
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "입력을 확인해 주세요.", email: typed };
  const { email, password, callbackUrl } = parsed.data;
  try {
    await signIn("credentials", { email, password, redirectTo: safeCallbackPath(callbackUrl) });
  } catch (error) {
    // signIn answers success with Next's redirect, which must travel on.
    if (!(error instanceof AuthError)) throw error;
    if (error.type === "CredentialsSignin" && (error as CredentialsSignin).code === "locked") {
      return { error: "로그인 시도가 너무 많아 잠시 막혔어요. 15분 뒤에 다시 시도해 주세요.", email };
    }
    return { error: "이메일 또는 비밀번호가 올바르지 않아요.", email };
  }
  return null;
}
