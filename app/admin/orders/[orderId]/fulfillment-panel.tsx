"use client";

import { ActionForm, fieldClass } from "@/components/admin/action-form";
import { FieldError } from "@/components/field-error";
import { couriers } from "@/lib/fulfillment/couriers";
import type { FulfillmentStatus } from "@/db/schema";
import { acceptOrderAction, markDeliveredAction, shipOrderAction } from "./fulfillment-actions";

/** What staff can do next with the goods of this order: 발주 확인, 발송 처리, 배송 완료. */
export function FulfillmentPanel({ orderId, status }: { orderId: string; status: FulfillmentStatus }) {
  return (
    <div className="space-y-4">
      {status === "NEW" ? (
        <ActionForm action={acceptOrderAction} submitLabel="발주 확인" testId="accept-order">
          {() => <input type="hidden" name="orderId" value={orderId} />}
        </ActionForm>
      ) : null}
      {status === "NEW" || status === "PREPARING" ? (
        <ActionForm action={shipOrderAction} submitLabel="발송 처리" testId="ship-order">
          {(errors) => (
            <>
              <input type="hidden" name="orderId" value={orderId} />
              <div className="grid gap-3 sm:grid-cols-2">
                <label className="block font-semibold">
                  택배사
                  <select name="courier" defaultValue="CJ" className={fieldClass}>
                    {couriers.map((c) => (
                      <option key={c.code} value={c.code}>
                        {c.name}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="block font-semibold">
                  송장번호
                  <input name="trackingNumber" inputMode="numeric" autoComplete="off" className={fieldClass} aria-invalid={errors.trackingNumber ? true : undefined} />
                  <FieldError message={errors.trackingNumber} />
                </label>
              </div>
            </>
          )}
        </ActionForm>
      ) : null}
      {status === "SHIPPED" ? (
        <ActionForm action={markDeliveredAction} submitLabel="배송 완료" testId="mark-delivered">
          {() => <input type="hidden" name="orderId" value={orderId} />}
        </ActionForm>
      ) : null}
    </div>
  );
}
