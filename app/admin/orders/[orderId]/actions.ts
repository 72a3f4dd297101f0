"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/db/client";
import { addOrderNote, NOTE_MAX_LENGTH } from "@/lib/admin/order-detail";
import { adminAction } from "@/app/admin/access";
import { text } from "@/lib/input";
import { ORDER_ID_PATTERN } from "@/lib/orders/order-id";

const noteSchema = z.object({
  orderId: text(64).regex(ORDER_ID_PATTERN, "주문번호가 올바르지 않아요."),
  note: text(NOTE_MAX_LENGTH, `메모는 ${NOTE_MAX_LENGTH}자까지 쓸 수 있어요.`).trim().min(1, "메모를 입력해 주세요."),
});

export const addOrderNoteAction = adminAction(noteSchema, { role: "owner" }, async ({ orderId, note }, user) => {
  if (!(await addOrderNote(db, orderId, note, user))) return { ok: false, error: "주문을 찾을 수 없어요." };
  revalidatePath(`/admin/orders/${orderId}`);
  return { ok: true, message: "메모를 남겼어요." };
});
