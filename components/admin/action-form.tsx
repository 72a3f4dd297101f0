"use client";

import { startTransition, useActionState, useEffect, useRef, useState, type ReactNode } from "react";
import type { AdminActionState } from "@/lib/auth/admin-action-state";

type Action = (state: AdminActionState, data: FormData) => Promise<AdminActionState>;

/**
 * A form driven by an admin server action through useActionState, with the one answer shape:
 * a status line, and field errors handed to the fields. Submitted by hand so that a refused
 * submit keeps what was typed (React resets an action form's fields after every submit);
 * `resetOnSuccess` empties it once the action has succeeded. A `confirm` asks first, in the page
 * (question, a button that goes ahead, 취소): for actions that are hard to take back.
 */
export function ActionForm({
  action,
  children,
  submitLabel,
  className,
  testId,
  resetOnSuccess = false,
  secondary = false,
  confirm,
}: {
  action: Action;
  children: (errors: Record<string, string>, state: AdminActionState) => ReactNode;
  submitLabel: string;
  className?: string;
  testId?: string;
  resetOnSuccess?: boolean;
  /** A side action (outlined), not the form's main one. */
  secondary?: boolean;
  confirm?: { question: string; yes: string };
}) {
  const [state, formAction, pending] = useActionState<AdminActionState, FormData>(action, null);
  const [asking, setAsking] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const yes = useRef<HTMLButtonElement>(null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  useEffect(() => {
    if (resetOnSuccess && state?.ok) form.current?.reset();
  }, [state, resetOnSuccess]);
  useEffect(() => {
    if (asking) yes.current?.focus();
  }, [asking]);
  const buttonClass = secondary
    ? "inline-flex min-h-10 items-center rounded-lg border border-stone-300 bg-white px-3 font-semibold text-stone-800 hover:border-red-700 hover:text-red-800 disabled:opacity-60"
    : "rounded-lg bg-brand-600 px-4 py-2 font-bold text-white hover:bg-brand-700 disabled:opacity-60";
  return (
    <form
      ref={form}
      data-testid={testId}
      className={className ?? "space-y-3 text-sm"}
      onSubmit={(event) => {
        event.preventDefault();
        if (confirm && !asking) {
          setAsking(true);
          return;
        }
        setAsking(false);
        const data = new FormData(event.currentTarget);
        startTransition(() => formAction(data));
      }}
    >
      {children(errors, state)}
      <div className="flex flex-wrap items-center gap-3">
        {confirm && asking ? (
          <span role="group" aria-label={confirm.question} className="flex flex-wrap items-center gap-2 rounded-lg bg-red-50 px-3 py-2 text-red-900">
            <span className="font-semibold">{confirm.question}</span>
            <button ref={yes} type="submit" className="inline-flex min-h-10 items-center rounded-lg border border-red-700 bg-white px-3 font-bold text-red-800 hover:bg-red-100">
              {confirm.yes}
            </button>
            <button type="button" onClick={() => setAsking(false)} className="inline-flex min-h-10 items-center rounded-lg px-3 font-semibold text-stone-800 underline underline-offset-2">
              취소
            </button>
          </span>
        ) : (
          <button type="submit" disabled={pending} className={buttonClass}>
            {pending ? "처리 중…" : submitLabel}
          </button>
        )}
        {state ? (
          <p role="status" className={`font-semibold ${state.ok ? "text-emerald-700" : "text-red-700"}`}>
            {state.ok ? state.message : state.error}
          </p>
        ) : null}
      </div>
      {state?.ok && state.secret ? (
        <p className="rounded-lg bg-amber-50 px-3 py-2 text-amber-900">
          새 비밀번호: <code data-testid="generated-password" className="font-mono text-base font-bold select-all">{state.secret}</code>
          <span className="block text-xs">지금 한 번만 보여요. 계정 주인에게 전해 주세요.</span>
        </p>
      ) : null}
    </form>
  );
}

export const fieldClass = "mt-1 block w-full rounded-lg border border-stone-300 px-3 py-2 font-normal focus:border-brand-600 focus:outline-none aria-[invalid=true]:border-red-600";
