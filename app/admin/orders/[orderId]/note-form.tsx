"use client";

import { useActionState } from "react";
import type { AdminActionState } from "@/lib/auth/admin-action-state";
import { addOrderNoteAction } from "./actions";

export function NoteForm({ orderId }: { orderId: string }) {
  const [state, formAction, pending] = useActionState<AdminActionState, FormData>(addOrderNoteAction, null);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="orderId" value={orderId} />
      <label className="block text-sm font-semibold">
        메모 남기기
        <textarea name="note" rows={2} maxLength={1000} required className="mt-1 block w-full rounded-lg border border-stone-300 px-3 py-2 font-normal focus:border-brand-600 focus:outline-none" />
      </label>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-bold text-white hover:bg-brand-700 disabled:opacity-60">
          메모 추가
        </button>
        {state ? (
          <p role="status" className={`text-sm ${state.ok ? "text-emerald-700" : "text-red-700"}`}>
            {state.ok ? state.message : state.error}
          </p>
        ) : null}
      </div>
    </form>
  );
}
