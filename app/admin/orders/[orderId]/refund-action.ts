"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/db/client";
import { adminAction } from "@/app/admin/access";
import { formatKRW } from "@/lib/money";
import { ORDER_ID_PATTERN } from "@/lib/orders/order-id";
import { refundOrder } from "@/lib/orders/refund";

/**
 * Reshapes the dialog's fields into refundOrder's request; refundOrder parses every value with
 * its own schema (lib/input.ts's text rule), so nothing here trusts a field.
 */
const refundFormSchema = z.record(z.string(), z.unknown()).transform((form) => {
  const full = form.mode !== "partial";
  return {
    orderId: form.orderId,
    idempotencyKey: form.idempotencyKey,
    reason: form.reason,
    expectedBalance: form.expectedBalance,
    amount: full ? form.expectedBalance : form.amount === "" ? undefined : form.amount,
    lines: full
      ? []
      : Object.entries(form)
          .filter(([name]) => name.startsWith("qty:"))
          .map(([name, quantity]) => ({ orderItemId: name.slice("qty:".length), quantity: quantity === "" ? 0 : quantity })),
    restock: form.restock === "on",
    refundAccount: "bank" in form ? { bank: form.bank, accountNumber: form.accountNumber, holderName: form.holderName } : undefined,
  };
});

/** Owners only: the wrapper refuses staff and signed-out posts before anything is read. */
export const refundOrderAction = adminAction(refundFormSchema, { role: "owner" }, async (request, user) => {
  const result = await refundOrder(db, user, request);
  if (typeof request.orderId === "string" && ORDER_ID_PATTERN.test(request.orderId)) revalidatePath(`/admin/orders/${request.orderId}`);
  if (!result.ok) return { ok: false, error: result.message, ...(result.fieldErrors && { fieldErrors: result.fieldErrors }) };
  if (result.status === "PENDING") return { ok: true, message: result.message };
  return { ok: true, message: `환불했어요. 남은 취소 가능 잔액 ${formatKRW(result.balanceAmount)}` };
});
