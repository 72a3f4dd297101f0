"use client";

import { useActionState } from "react";
import { fieldClass } from "@/components/admin/action-form";
import type { RowOutcome } from "@/lib/fulfillment/tracking-upload";
import { trackingUploadAction, type TrackingUploadState } from "./actions";

const OUTCOME: Record<RowOutcome, { label: string; tone: string }> = {
  ok: { label: "등록 가능", tone: "text-emerald-800" },
  already: { label: "이미 등록됨", tone: "text-stone-700" },
  unknown_order: { label: "주문 없음", tone: "text-red-800" },
  not_shippable: { label: "발송 불가", tone: "text-red-800" },
  bad_number: { label: "송장번호 오류", tone: "text-red-800" },
  in_use: { label: "다른 주문의 송장", tone: "text-red-800" },
  duplicate: { label: "파일 안 중복", tone: "text-red-800" },
};

export function TrackingUploadForm() {
  const [state, action, pending] = useActionState<TrackingUploadState, FormData>(trackingUploadAction, { step: "start" });
  const problems = state.step === "preview" ? state.results.filter((r) => r.outcome !== "ok" && r.outcome !== "already").length : 0;
  const toShip = state.step === "preview" ? state.results.filter((r) => r.outcome === "ok").length : 0;

  return (
    <div className="space-y-6 text-sm">
      <form action={action} className="space-y-3 rounded-2xl border border-stone-200 bg-white p-5">
        <label className="block font-semibold">
          송장 파일 (.csv 또는 .xlsx)
          <input type="file" name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required className={fieldClass} />
        </label>
        <p className="text-stone-600">첫 줄에 주문번호, 택배사, 송장번호 제목이 있어야 해요. 다른 열은 읽지 않아요.</p>
        <button type="submit" name="intent" value="preview" disabled={pending} className="rounded-lg bg-brand-600 px-4 py-2 font-bold text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? "처리 중…" : "미리 보기"}
        </button>
        {state.step === "start" && state.error ? (
          <p role="alert" className="font-semibold text-red-800">
            {state.error}
          </p>
        ) : null}
      </form>

      {state.step === "preview" ? (
        <section aria-labelledby="upload-preview" className="space-y-3 rounded-2xl border border-stone-200 bg-white p-5">
          <h2 id="upload-preview" className="text-lg font-bold">
            미리 보기 · {state.fileName}
          </h2>
          <p role="status" data-testid="upload-summary" className={problems ? "font-semibold text-red-800" : "font-semibold text-emerald-800"}>
            {problems
              ? `${problems}줄을 고쳐야 해요. 파일을 고쳐 다시 올리면 한꺼번에 등록해요.`
              : toShip === 0
                ? "모두 이미 등록된 송장이에요. 바꿀 것이 없어요."
                : `${toShip}건을 발송 처리해요${state.results.length - toShip ? ` (이미 등록된 ${state.results.length - toShip}건은 그대로 둬요)` : ""}.`}
          </p>
          <ul className="divide-y divide-stone-100" data-testid="upload-rows">
            {state.results.map((r) => (
              <li key={r.line} className="flex flex-wrap gap-x-3 gap-y-0.5 py-2">
                <span className="text-stone-600">{r.line}행</span>
                <span className="font-mono">{r.orderNumber}</span>
                <span>{r.courier}</span>
                <span className="font-mono">{r.trackingNumber}</span>
                <span className={`font-semibold ${OUTCOME[r.outcome].tone}`}>
                  {OUTCOME[r.outcome].label}
                  {r.outcome !== "ok" && r.outcome !== "already" ? ` · ${r.message}` : ""}
                </span>
              </li>
            ))}
          </ul>
          {problems === 0 && toShip > 0 ? (
            <form action={action}>
              <input type="hidden" name="rows" value={JSON.stringify(state.rows)} />
              <button type="submit" name="intent" value="apply" disabled={pending} className="rounded-lg bg-brand-600 px-4 py-2 font-bold text-white hover:bg-brand-700 disabled:opacity-60">
                {pending ? "등록하는 중…" : `${toShip}건 발송 처리`}
              </button>
            </form>
          ) : null}
        </section>
      ) : null}

      {state.step === "done" ? (
        <p role="status" data-testid="upload-done" className="rounded-lg bg-emerald-50 px-4 py-3 font-semibold text-emerald-800">
          {state.shipped}건을 발송 처리했어요.{state.already ? ` 이미 등록된 ${state.already}건은 그대로 뒀어요.` : ""}
        </p>
      ) : null}
    </div>
  );
}
