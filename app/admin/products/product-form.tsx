"use client";

import { useEffect, useState } from "react";
import { ActionForm, fieldClass } from "@/components/admin/action-form";
import { FieldError } from "@/components/field-error";
import { toSlug } from "@/lib/products/slug";
import { createProductAction, updateProductAction } from "./actions";

export type ProductFormValues = { id: number; name: string; slug: string; description: string; price: number; image: string; active: boolean; maxPerOrder: number | null; maxPerShopper: number | null };

/** Create (with the starting stock) or edit (stock changes go through the stock form, with a reason). */
export function ProductForm({ product }: { product?: ProductFormValues }) {
  // A new product's address follows its name until the owner types one; an existing product keeps
  // its address (a change leaves a redirect behind) unless the owner asks for a new one.
  const [slug, setSlug] = useState(product?.slug ?? "");
  const [slugFollowsName, setSlugFollowsName] = useState(!product);
  const [name, setName] = useState(product?.name ?? "");
  const preview = useObjectUrl();
  return (
    <ActionForm action={product ? updateProductAction : createProductAction} submitLabel={product ? "저장" : "상품 등록"} testId="product-form">
      {(errors) => (
        <>
          {product ? <input type="hidden" name="productId" value={product.id} /> : null}
          <input type="hidden" name="image" value={product?.image ?? ""} />
          <label className="block font-semibold">
            상품명
            <input
              name="name"
              required
              maxLength={100}
              value={name}
              onChange={(event) => {
                setName(event.target.value);
                if (slugFollowsName) setSlug(toSlug(event.target.value));
              }}
              aria-invalid={!!errors.name}
              className={fieldClass}
            />
          </label>
          <FieldError message={errors.name} />
          <label className="block font-semibold">
            상품 주소
            <input
              name="slug"
              maxLength={80}
              value={slug}
              onChange={(event) => {
                setSlug(event.target.value);
                setSlugFollowsName(event.target.value === "");
              }}
              aria-invalid={!!errors.slug}
              aria-describedby="product-slug-help"
              className={`${fieldClass} font-mono`}
            />
          </label>
          <div id="product-slug-help" className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-stone-700">
            <span className="min-w-0 break-all">
              상점 주소: /products/<span className="font-mono">{toSlug(slug) || "…"}</span>
            </span>
            {product ? (
              <button type="button" onClick={() => setSlug(toSlug(name))} className="inline-flex min-h-8 items-center font-semibold text-brand-700 underline underline-offset-2">
                상품명으로 다시 만들기
              </button>
            ) : null}
          </div>
          <p className="text-xs text-stone-700">
            상품명을 영문으로 바꿔 만들어요. 직접 고쳐도 되고, 한글로 쓰면 영문으로 바꿔 저장해요.{product ? " 바꾸면 예전 주소로 온 손님은 새 주소로 안내돼요." : ""}
          </p>
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
            <p className="text-xs text-stone-700 sm:col-span-2">1인 최대는 같은 장바구니, 전화번호 또는 접속 주소의 결제 대기·결제 완료 주문을 합쳐 세요. 제한을 바꾸면 그때부터 다시 세요.</p>
          </fieldset>
          <label className="block font-semibold">
            상품 이미지 (PNG, JPEG, WebP, 2MB 이하)
            <input
              name="imageFile"
              type="file"
              accept="image/png,image/jpeg,image/webp"
              onChange={(event) => preview.show(event.target.files?.[0])}
              aria-invalid={!!errors.image}
              className={fieldClass}
            />
          </label>
          {preview.url ? (
            <figure className="space-y-1">
              {/* A local blob: URL, shown before anything is uploaded; next/image cannot optimise it. */}
              {/* eslint-disable-next-line @next/next/no-img-element */}
              <img src={preview.url} alt="고른 이미지 미리보기" data-testid="image-preview" className="h-40 w-40 rounded-xl border border-stone-200 bg-stone-100 object-cover" />
              <figcaption className="text-xs text-stone-700">저장하면 이 이미지로 바뀌어요.</figcaption>
            </figure>
          ) : null}
          {product ? <p className="text-xs text-stone-700">새 파일을 고르지 않으면 지금 이미지를 그대로 써요.</p> : null}
          <FieldError message={errors.image} />
          <label className="flex items-center gap-2 font-semibold">
            <input type="checkbox" name="active" defaultChecked={product?.active ?? true} aria-describedby="product-active-help" /> 판매 중
          </label>
          <p id="product-active-help" className="-mt-2 text-xs text-stone-700">
            끄면 상점 목록에서 빠지고, 상품 주소로 들어온 손님에게는 찾을 수 없는 상품으로 보여요.
          </p>
        </>
      )}
    </ActionForm>
  );
}

/** A picked file as a blob: URL for the preview, released when replaced or when the form goes away. */
function useObjectUrl() {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => () => {
    if (url) URL.revokeObjectURL(url);
  }, [url]);
  return {
    url,
    show(file: File | undefined) {
      setUrl(file && file.size > 0 ? URL.createObjectURL(file) : null);
    },
  };
}
