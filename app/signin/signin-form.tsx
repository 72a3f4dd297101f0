"use client";

import { useActionState } from "react";
import { signInAction, type SignInState } from "./actions";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, formAction, pending] = useActionState<SignInState, FormData>(signInAction, null);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <label className="block text-sm font-semibold">
        이메일
        <input name="email" type="email" autoComplete="username" required defaultValue={state?.email ?? ""} className="mt-1 block w-full rounded-lg border border-stone-300 px-3 py-2 font-normal focus:border-brand-600 focus:outline-none" />
      </label>
      <label className="block text-sm font-semibold">
        비밀번호
        <input name="password" type="password" autoComplete="current-password" required className="mt-1 block w-full rounded-lg border border-stone-300 px-3 py-2 font-normal focus:border-brand-600 focus:outline-none" />
      </label>
      {state?.error ? (
        <p role="alert" data-testid="signin-error" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.error}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className="w-full rounded-lg bg-brand-600 px-4 py-3 font-bold text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? "확인 중…" : "로그인"}
      </button>
    </form>
  );
}
