"use client";

import { FieldError } from "@/components/field-error";
import { useActionState, useEffect, useRef } from "react";
import { lookupGuestOrderAction, type GuestLookupState } from "./actions";

const FIELDS = [
  { name: "orderNumber", label: "주문번호", placeholder: "주문 완료 화면의 번호", autoComplete: "off", inputMode: undefined },
  { name: "phone", label: "휴대폰 번호", placeholder: "주문할 때 입력한 번호", autoComplete: "tel", inputMode: "tel" },
] as const;

export function GuestLookupForm() {
  const [state, action, pending] = useActionState<GuestLookupState, FormData>(lookupGuestOrderAction, {});
  const firstWrong = useRef<HTMLInputElement | null>(null);
  const message = useRef<HTMLParagraphElement | null>(null);

  useEffect(() => {
    if (state.fieldErrors && firstWrong.current) firstWrong.current.focus();
    else if (state.message) message.current?.focus();
  }, [state]);

  const firstWrongName = FIELDS.find((field) => state.fieldErrors?.[field.name])?.name;
  return (
    <form action={action} noValidate className="space-y-4">
      {FIELDS.map((field) => {
        const error = state.fieldErrors?.[field.name];
        const id = `lookup-${field.name}`;
        const takeFocus = field.name === firstWrongName;
        return (
          <div key={field.name}>
            <label htmlFor={id} className="mb-1 block text-sm font-medium text-stone-700">
              {field.label}
            </label>
            <input
              id={id}
              name={field.name}
              ref={takeFocus ? firstWrong : undefined}
              defaultValue={state.values?.[field.name] ?? ""}
              type={field.name === "phone" ? "tel" : "text"}
              inputMode={field.inputMode}
              autoComplete={field.autoComplete}
              placeholder={field.placeholder}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              required
              className={`min-h-11 w-full rounded-lg border px-3 py-2 placeholder:text-stone-500 ${error ? "border-red-600 bg-red-50" : "border-stone-400"}`}
            />
            <FieldError id={`${id}-error`} message={error} />
          </div>
        );
      })}
      {state.message ? (
        <p ref={message} tabIndex={-1} role="alert" data-testid="lookup-message" className="rounded-lg bg-red-50 px-4 py-3 text-sm text-red-800">
          {state.message}
        </p>
      ) : null}
      <button
        type="submit"
        aria-disabled={pending || undefined}
        className="min-h-12 w-full rounded-xl bg-brand-600 px-6 font-bold text-white hover:bg-brand-700 aria-disabled:opacity-70"
      >
        {pending ? "찾는 중…" : "주문 조회하기"}
      </button>
    </form>
  );
}
