"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/db/client";
import { currentAdmin } from "@/app/admin/access";
import { adminActorName } from "@/lib/auth/actor";
import { applyTrackingUpload, parseTrackingFile, previewTrackingUpload, UPLOAD_MAX_ROWS, type RowResult, type UploadRow } from "@/lib/fulfillment/tracking-upload";

export type TrackingUploadState =
  | { step: "start"; error?: string }
  | { step: "preview"; fileName: string; results: RowResult[]; rows: UploadRow[] }
  | { step: "done"; shipped: number; already: number };

const rowsSchema = z
  .array(z.object({ line: z.number().int().positive(), orderNumber: z.string().max(40), courier: z.string().max(40), trackingNumber: z.string().max(40) }))
  .min(1)
  .max(UPLOAD_MAX_ROWS);

/** One form, two steps: 미리 보기 reads the file and writes nothing; 발송 처리 applies what was previewed. */
export async function trackingUploadAction(previous: TrackingUploadState, formData: FormData): Promise<TrackingUploadState> {
  return formData.get("intent") === "apply" ? applyRows(previous, formData) : previewFile(formData);
}

async function previewFile(formData: FormData): Promise<TrackingUploadState> {
  const access = await currentAdmin("staff");
  if (!access.ok) return { step: "start", error: "로그인이 필요해요. 다시 로그인해 주세요." };
  const file = formData.get("file");
  if (!(file instanceof File) || file.size === 0) return { step: "start", error: "올릴 파일을 골라 주세요." };
  const parsed = await parseTrackingFile(new Uint8Array(await file.arrayBuffer()));
  if (!parsed.ok) return { step: "start", error: parsed.message };
  return { step: "preview", fileName: file.name.slice(0, 120), rows: parsed.rows, results: await previewTrackingUpload(db, parsed.rows) };
}

/** Ships the previewed rows, all or none; the rows are checked again under the orders' locks. */
async function applyRows(previous: TrackingUploadState, formData: FormData): Promise<TrackingUploadState> {
  const access = await currentAdmin("staff");
  if (!access.ok) return { step: "start", error: "로그인이 필요해요. 다시 로그인해 주세요." };
  let rows: UploadRow[];
  try {
    const parsed = rowsSchema.safeParse(JSON.parse(String(formData.get("rows") ?? "")));
    if (!parsed.success) return { step: "start", error: "파일을 다시 올려 주세요." };
    rows = parsed.data;
  } catch {
    return { step: "start", error: "파일을 다시 올려 주세요." };
  }
  const result = await applyTrackingUpload(db, rows, adminActorName(access.user));
  revalidatePath("/admin/orders");
  if (!result.ok) return { step: "preview", fileName: previous.step === "preview" ? previous.fileName : "", rows, results: result.results };
  return { step: "done", shipped: result.shipped, already: result.already };
}
