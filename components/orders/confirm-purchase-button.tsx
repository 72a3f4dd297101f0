"use client";

import { useActionState } from "react";
import { confirmPurchaseAction, type ConfirmPurchaseState } from "./actions";

/** 구매 확정: after it no return is offered, so the button says so before it is pressed. */
export function ConfirmPurchaseButton({ orderId }: { orderId: string }) {
  const [state, action, pending] = useActionState<ConfirmPurchaseState, FormData>(confirmPurchaseAction, {});
  return (
    <form action={action} className="mt-4 space-y-2">
      <input type="hidden" name="orderId" value={orderId} />
      <p className="text-stone-600">구매를 확정하면 반품을 신청할 수 없어요.</p>
      <button type="submit" disabled={pending} className="min-h-11 rounded-xl bg-brand-700 px-5 font-bold text-white disabled:opacity-60">
        구매 확정
      </button>
      {state.message ? (
        <p role="alert" className="text-red-800">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
