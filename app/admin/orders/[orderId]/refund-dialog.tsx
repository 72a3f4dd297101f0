"use client";

import { FieldError } from "@/components/field-error";
import { startTransition, useActionState, useEffect, useRef, useState } from "react";
import type { AdminActionState } from "@/lib/auth/admin-action-state";
import { formatKRW } from "@/lib/money";
import { refundAmountForLines, type RefundableLine, type RefundRules } from "@/lib/orders/refund-policy";
import { refundOrderAction } from "./refund-action";

/** What can still be refunded; null once nothing can (the last answer stays on screen). */
export type RefundChoice = RefundRules & {
  balance: number;
  /** `refundable`: units not refunded yet (a line refunded before can be refunded only for the rest). */
  lines: RefundableLine[];
};

const input = "mt-1 block w-full rounded-lg border border-stone-300 px-3 py-2 font-normal focus:border-brand-600 focus:outline-none";

export function RefundDialog({ orderId, choice, banks }: { orderId: string; choice: RefundChoice | null; banks: { code: string; name: string }[] }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [state, formAction, pending] = useActionState<AdminActionState, FormData>(refundOrderAction, null);
  // One key per opening of the dialog: a double submit, or a retry after a lost answer, is one refund.
  const [idempotencyKey, setIdempotencyKey] = useState("");
  const [mode, setMode] = useState<"full" | "partial">("full");
  const [quantities, setQuantities] = useState<Record<number, number>>({});
  const [editedAmount, setEditedAmount] = useState<string | null>(null);

  const { balance, fullCancelOnly, partialAllowed, needsRefundAccount, lines } = choice ?? { balance: 0, fullCancelOnly: false, partialAllowed: false, needsRefundAccount: false, lines: [] };
  const computed = refundAmountForLines(
    lines,
    lines.map((line) => ({ orderItemId: line.orderItemId, quantity: quantities[line.orderItemId] ?? 0 })),
    balance,
  );
  const amount = mode === "full" ? String(balance) : (editedAmount ?? String(computed));
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};

  useEffect(() => {
    if (state?.ok) dialog.current?.close();
  }, [state]);

  function open() {
    setIdempotencyKey(`refund-${crypto.randomUUID()}`);
    setMode("full");
    setQuantities({});
    setEditedAmount(null);
    dialog.current?.showModal();
  }

  const title = fullCancelOnly ? "입금 전 주문 취소" : "환불";
  return (
    <div className="space-y-2">
      {choice ? (
        <button type="button" onClick={open} className="rounded-lg bg-red-700 px-4 py-2 text-sm font-bold text-white hover:bg-red-800">
          {fullCancelOnly ? "주문 취소" : "환불하기"}
        </button>
      ) : null}
      {state ? (
        <p role="status" data-testid="refund-result" className={`text-sm font-semibold ${state.ok ? "text-emerald-700" : "text-red-700"}`}>
          {state.ok ? state.message : state.error}
        </p>
      ) : null}

      <dialog ref={dialog} aria-labelledby="refund-title" className="m-auto w-full max-w-lg rounded-2xl p-0 backdrop:bg-stone-900/40">
        <form
          // Submitted by hand so that React does not reset the fields: a refused refund keeps what the owner typed.
          onSubmit={(event) => {
            event.preventDefault();
            const data = new FormData(event.currentTarget);
            startTransition(() => formAction(data));
          }}
          className="space-y-4 p-6 text-sm"
        >
          <header className="flex items-start justify-between gap-3">
            <div>
              <h2 id="refund-title" className="text-lg font-bold">
                {title}
              </h2>
              <p className="text-stone-600">
                취소 가능 잔액 <span data-testid="refund-balance" className="font-bold tabular-nums">{formatKRW(balance)}</span>
              </p>
            </div>
            <button type="button" onClick={() => dialog.current?.close()} className="rounded-lg px-2 py-1 text-stone-500 hover:bg-stone-100" aria-label="닫기">
              ✕
            </button>
          </header>
          <input type="hidden" name="orderId" value={orderId} />
          <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
          <input type="hidden" name="expectedBalance" value={balance} />
          <input type="hidden" name="mode" value={mode} />

          {fullCancelOnly ? (
            <p className="rounded-lg bg-amber-50 px-3 py-2 text-amber-900">입금 전 가상계좌는 전액 취소만 할 수 있어요. 취소하면 계좌가 닫히고 재고가 돌아갑니다.</p>
          ) : (
            <fieldset className="flex gap-4">
              <legend className="sr-only">환불 범위</legend>
              <label className="flex items-center gap-2 font-semibold">
                <input type="radio" checked={mode === "full"} onChange={() => setMode("full")} /> 전액 환불
              </label>
              <label className={`flex items-center gap-2 font-semibold ${partialAllowed ? "" : "text-stone-400"}`}>
                <input type="radio" checked={mode === "partial"} onChange={() => setMode("partial")} disabled={!partialAllowed} /> 부분 환불
              </label>
              {partialAllowed ? null : <span className="text-xs text-stone-500">이 결제는 부분 취소가 안 돼요</span>}
            </fieldset>
          )}

          {mode === "partial" ? (
            <div className="space-y-2">
              <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200">
                {lines.map((line) => (
                  <li key={line.orderItemId} className="flex items-center justify-between gap-3 px-3 py-2">
                    <label htmlFor={`qty-${line.orderItemId}`}>
                      {line.productName}{" "}
                      <span className="text-stone-500">
                        ({formatKRW(line.unitPrice)} × {line.quantity}
                        {line.refundable < line.quantity ? `, ${line.quantity - line.refundable}개 환불됨` : ""})
                      </span>
                    </label>
                    <input
                      id={`qty-${line.orderItemId}`}
                      name={`qty:${line.orderItemId}`}
                      type="number"
                      min={0}
                      max={line.refundable}
                      disabled={line.refundable === 0}
                      aria-label={`${line.productName} 환불 수량`}
                      value={quantities[line.orderItemId] ?? 0}
                      onChange={(e) => {
                        setQuantities({ ...quantities, [line.orderItemId]: Math.max(0, Math.min(line.refundable, Number(e.target.value) || 0)) });
                        setEditedAmount(null);
                      }}
                      className="w-20 rounded-lg border border-stone-300 px-2 py-1 text-right tabular-nums"
                    />
                  </li>
                ))}
              </ul>
              <FieldError id="lines-error" message={errors.lines} />
              <label className="block font-semibold">
                환불 금액
                <input
                  name="amount"
                  type="number"
                  min={1}
                  max={balance}
                  required
                  value={amount}
                  onChange={(e) => setEditedAmount(e.target.value)}
                  aria-invalid={!!errors.amount}
                  aria-describedby={errors.amount ? "amount-error" : undefined}
                  className={`${input} tabular-nums`}
                />
              </label>
              <p className="text-xs text-stone-500">수량을 고르면 금액이 계산돼요 (모든 수량이면 배송비까지). 다르게 하려면 금액을 직접 고치세요 (1원 ~ {formatKRW(balance)}).</p>
              <FieldError id="amount-error" message={errors.amount} />
            </div>
          ) : null}

          {fullCancelOnly ? null : (
            <label className="flex items-center gap-2">
              <input type="checkbox" name="restock" defaultChecked /> 환불한 상품을 재고로 되돌리기
            </label>
          )}

          <label className="block font-semibold">
            {fullCancelOnly ? "취소 사유" : "환불 사유"}
            <textarea
              name="reason"
              required
              maxLength={200}
              rows={2}
              aria-invalid={!!errors.reason}
              aria-describedby={errors.reason ? "reason-error" : undefined}
              className={input}
            />
          </label>
          <FieldError id="reason-error" message={errors.reason} />

          {needsRefundAccount ? (
            <fieldset className="space-y-2 rounded-lg border border-stone-200 p-3">
              <legend className="px-1 font-semibold">환불 받을 계좌 (입금된 가상계좌)</legend>
              <label className="block">
                환불 받을 은행
                <select name="bank" required defaultValue="" className={input} aria-invalid={!!errors["refundAccount.bank"]}>
                  <option value="" disabled>
                    은행 선택
                  </option>
                  {banks.map((bank) => (
                    <option key={bank.code} value={bank.code}>
                      {bank.name}
                    </option>
                  ))}
                </select>
              </label>
              <FieldError id="bank-error" message={errors["refundAccount.bank"]} />
              <label className="block">
                계좌번호
                <input name="accountNumber" required inputMode="numeric" maxLength={40} autoComplete="off" className={input} aria-invalid={!!errors["refundAccount.accountNumber"]} />
              </label>
              <FieldError id="account-error" message={errors["refundAccount.accountNumber"]} />
              <label className="block">
                예금주
                <input name="holderName" required maxLength={60} autoComplete="off" className={input} aria-invalid={!!errors["refundAccount.holderName"]} />
              </label>
              <FieldError id="holder-error" message={errors["refundAccount.holderName"] ?? errors.refundAccount} />
            </fieldset>
          ) : null}

          {state && !state.ok ? (
            <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 font-semibold text-red-800">
              {state.error}
            </p>
          ) : null}

          <div className="flex justify-end gap-2">
            <button type="button" onClick={() => dialog.current?.close()} className="rounded-lg border border-stone-300 px-4 py-2 font-semibold">
              닫기
            </button>
            <button type="submit" disabled={pending || !idempotencyKey} className="rounded-lg bg-red-700 px-4 py-2 font-bold text-white hover:bg-red-800 disabled:opacity-60">
              {pending ? "처리 중…" : `${formatKRW(Number(amount) || 0)} ${fullCancelOnly ? "취소" : "환불"} 실행`}
            </button>
          </div>
        </form>
      </dialog>
    </div>
  );
}
