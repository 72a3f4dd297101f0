"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/db/client";
import { adminAction, type AdminActionState } from "@/app/admin/access";
import { adjustStock, createProduct, updateProduct, type ProductResult } from "@/lib/products/admin";
import { saveProductImage } from "@/lib/products/images";

const productId = z.coerce.number({ error: "상품이 올바르지 않아요." }).int("상품이 올바르지 않아요.").positive("상품이 올바르지 않아요.");

/** The form's fields as the products lib reads them; its schemas check every value. */
const productFormSchema = z.record(z.string(), z.unknown()).transform((form) => ({
  productId: form.productId,
  imageFile: form.imageFile,
  fields: { name: form.name, slug: form.slug, description: form.description ?? "", price: form.price, stock: form.stock, active: form.active === "on", image: form.image ?? "", maxPerOrder: form.maxPerOrder ?? "", maxPerShopper: form.maxPerShopper ?? "" },
}));

/** A new upload replaces the image; without one the form keeps the current path (or asks for a file). */
async function withImage(form: z.infer<typeof productFormSchema>): Promise<{ ok: true; fields: Record<string, unknown> } | { ok: false; state: AdminActionState }> {
  const file = form.imageFile;
  if (file instanceof File && file.size > 0) {
    const saved = await saveProductImage(new Uint8Array(await file.arrayBuffer()));
    if (!saved.ok) return { ok: false, state: { ok: false, error: saved.message, fieldErrors: { image: saved.message } } };
    return { ok: true, fields: { ...form.fields, image: saved.path } };
  }
  if (!form.fields.image) return { ok: false, state: { ok: false, error: "상품 이미지를 올려 주세요.", fieldErrors: { image: "상품 이미지를 올려 주세요." } } };
  return { ok: true, fields: form.fields };
}

function answer(result: ProductResult, message: string): AdminActionState {
  if (!result.ok) return { ok: false, error: result.message, ...(result.fieldErrors && { fieldErrors: result.fieldErrors }) };
  revalidatePath("/admin/products");
  revalidatePath(`/admin/products/${result.product.id}`);
  return { ok: true, message };
}

/** Owners create and edit products (price, address, image, active); staff only adjust stock. */
export const createProductAction = adminAction(productFormSchema, { role: "owner" }, async (form, user) => {
  const prepared = await withImage(form);
  if (!prepared.ok) return prepared.state;
  const result = await createProduct(db, user, prepared.fields);
  if (!result.ok) return answer(result, "");
  answer(result, "");
  redirect(`/admin/products/${result.product.id}?created=1`);
});

export const updateProductAction = adminAction(productFormSchema, { role: "owner" }, async (form, user) => {
  const id = productId.safeParse(form.productId);
  if (!id.success) return { ok: false, error: "상품이 올바르지 않아요." };
  const prepared = await withImage(form);
  if (!prepared.ok) return prepared.state;
  return answer(await updateProduct(db, user, id.data, prepared.fields), "저장했어요. 상점에 바로 반영됩니다.");
});

const stockFormSchema = z.record(z.string(), z.unknown()).transform((form) => ({
  productId: form.productId,
  change:
    form.mode === "absolute"
      ? { mode: "absolute", stock: form.stock, expectedStock: form.expectedStock, reason: form.reason }
      : { mode: "relative", delta: form.delta, reason: form.reason },
}));

export const adjustStockAction = adminAction(stockFormSchema, { role: "staff" }, async (form, user) => {
  const id = productId.safeParse(form.productId);
  if (!id.success) return { ok: false, error: "상품이 올바르지 않아요." };
  const result = await adjustStock(db, user, id.data, form.change);
  return answer(result, result.ok ? `재고를 ${result.product.stock}개로 바꿨어요.` : "");
});
