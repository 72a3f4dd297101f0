"use client";

import { useState } from "react";
import { ActionForm, fieldClass } from "@/components/admin/action-form";
import { FieldError } from "@/components/field-error";
import { adjustStockAction } from "./actions";

/** A stock change by a delta or to a number, always with a reason (kept in the product's history). */
export function StockForm({ productId, stock }: { productId: number; stock: number }) {
  const [mode, setMode] = useState<"relative" | "absolute">("relative");
  return (
    <ActionForm action={adjustStockAction} submitLabel="재고 변경" testId="stock-form">
      {(errors) => (
        <>
          <input type="hidden" name="productId" value={productId} />
          <input type="hidden" name="mode" value={mode} />
          <input type="hidden" name="expectedStock" value={stock} />
          <fieldset className="flex gap-4">
            <legend className="sr-only">변경 방식</legend>
            <label className="flex items-center gap-2 font-semibold">
              <input type="radio" checked={mode === "relative"} onChange={() => setMode("relative")} /> 늘리기/줄이기
            </label>
            <label className="flex items-center gap-2 font-semibold">
              <input type="radio" checked={mode === "absolute"} onChange={() => setMode("absolute")} /> 정확한 수량으로
            </label>
          </fieldset>
          {mode === "relative" ? (
            <label className="block font-semibold">
              변경 수량 (예: 10, -3)
              <input key="delta" name="delta" type="number" required step={1} aria-invalid={!!errors.delta} className={`${fieldClass} tabular-nums`} />
              <FieldError message={errors.delta} />
            </label>
          ) : (
            <label className="block font-semibold">
              새 재고 (개)
              <input key="stock" name="stock" type="number" required min={0} step={1} defaultValue={stock} aria-invalid={!!errors.stock} className={`${fieldClass} tabular-nums`} />
              <FieldError message={errors.stock} />
            </label>
          )}
          <label className="block font-semibold">
            사유
            <input name="reason" required maxLength={200} placeholder="입고, 파손, 재고 실사 등" aria-invalid={!!errors.reason} className={fieldClass} />
          </label>
          <FieldError message={errors.reason} />
        </>
      )}
    </ActionForm>
  );
}
