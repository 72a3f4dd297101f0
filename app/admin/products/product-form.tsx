"use client";

import { ActionForm, FieldError, fieldClass } from "@/components/admin/action-form";
import { createProductAction, updateProductAction } from "./actions";

export type ProductFormValues = { id: number; name: string; slug: string; description: string; price: number; image: string; active: boolean; maxPerOrder: number | null; maxPerShopper: number | null };

/** Create (with the starting stock) or edit (stock changes go through the stock form, with a reason). */
export function ProductForm({ product }: { product?: ProductFormValues }) {
  return (
    <ActionForm action={product ? updateProductAction : createProductAction} submitLabel={product ? "저장" : "상품 등록"} testId="product-form">
      {(errors) => (
        <>
          {product ? <input type="hidden" name="productId" value={product.id} /> : null}
          <input type="hidden" name="image" value={product?.image ?? ""} />
          <label className="block font-semibold">
            상품명
            <input name="name" required maxLength={100} defaultValue={product?.name} aria-invalid={!!errors.name} className={fieldClass} />
          </label>
          <FieldError message={errors.name} />
          <label className="block font-semibold">
            주소 (slug)
            <input name="slug" required maxLength={80} defaultValue={product?.slug} aria-invalid={!!errors.slug} className={`${fieldClass} font-mono`} />
          </label>
          <p className="text-xs text-stone-500">/products/주소. 바꾸면 예전 주소는 새 주소로 이동합니다.</p>
          <FieldError message={errors.slug} />
          <label className="block font-semibold">
            설명
            <textarea name="description" rows={4} maxLength={2000} defaultValue={product?.description} aria-invalid={!!errors.description} className={fieldClass} />
          </label>
          <FieldError message={errors.description} />
          <div className="grid gap-3 sm:grid-cols-2">
            <div>
              <label className="block font-semibold">
                가격 (원)
                <input name="price" type="number" required min={0} step={1} defaultValue={product?.price} aria-invalid={!!errors.price} className={`${fieldClass} tabular-nums`} />
              </label>
              <FieldError message={errors.price} />
            </div>
            {product ? null : (
              <div>
                <label className="block font-semibold">
                  시작 재고 (개)
                  <input name="stock" type="number" required min={0} step={1} defaultValue={0} aria-invalid={!!errors.stock} className={`${fieldClass} tabular-nums`} />
                </label>
                <FieldError message={errors.stock} />
              </div>
            )}
          </div>
          <fieldset className="grid gap-3 sm:grid-cols-2">
            <legend className="mb-1 font-semibold">최대 구매 수량 (비우면 제한 없음)</legend>
            <div>
              <label className="block font-semibold">
                주문당 최대 (개)
                <input name="maxPerOrder" type="number" min={1} step={1} defaultValue={product?.maxPerOrder ?? ""} aria-invalid={!!errors.maxPerOrder} className={`${fieldClass} tabular-nums`} />
              </label>
              <FieldError message={errors.maxPerOrder} />
            </div>
            <div>
              <label className="block font-semibold">
                1인 최대 (개)
                <input name="maxPerShopper" type="number" min={1} step={1} defaultValue={product?.maxPerShopper ?? ""} aria-invalid={!!errors.maxPerShopper} className={`${fieldClass} tabular-nums`} />
              </label>
              <FieldError message={errors.maxPerShopper} />
            </div>
            <p className="text-xs text-stone-500 sm:col-span-2">1인 최대는 같은 장바구니, 전화번호 또는 접속 주소의 결제 대기·결제 완료 주문을 합쳐 세요. 제한을 바꾸면 그때부터 다시 세요.</p>
          </fieldset>
          <label className="block font-semibold">
            상품 이미지 (PNG, JPEG, WebP, 2MB 이하)
            <input name="imageFile" type="file" accept="image/png,image/jpeg,image/webp" aria-invalid={!!errors.image} className={fieldClass} />
          </label>
          {product ? <p className="text-xs text-stone-500">새 파일을 고르지 않으면 지금 이미지를 그대로 씁니다.</p> : null}
          <FieldError message={errors.image} />
          <label className="flex items-center gap-2 font-semibold">
            <input type="checkbox" name="active" defaultChecked={product?.active ?? true} /> 판매 중 (끄면 상점에서 숨겨지고 상품 페이지는 404)
          </label>
        </>
      )}
    </ActionForm>
  );
}
