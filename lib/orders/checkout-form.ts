import { z } from "zod";
import { fieldErrorsOf, text } from "@/lib/input";

/** The order form, shared by the server action (authoritative) and the page (field hints). */
export const checkoutFormSchema = z.object({
  customerName: text(50, "이름은 50자 이내의 글자로 입력해 주세요").trim().min(1, "이름을 입력해 주세요"),
  customerEmail: text(100, "이메일은 100자 이내로 입력해 주세요")
    .trim()
    .min(1, "이메일을 입력해 주세요")
    .pipe(z.email("이메일 주소를 확인해 주세요 (예: name@example.com)")),
  customerPhone: text(20, "휴대폰 번호를 확인해 주세요")
    .trim()
    .min(1, "휴대폰 번호를 입력해 주세요")
    .transform((v) => v.replace(/[\s-]/g, ""))
    .pipe(z.string().regex(/^01[016789]\d{7,8}$/, "휴대폰 번호를 확인해 주세요 (예: 010-1234-5678)")),
  postcode: text(10, "우편번호 5자리를 입력해 주세요").trim().regex(/^\d{5}$/, "우편번호 5자리를 입력해 주세요"),
  address: text(200, "주소는 200자 이내의 글자로 입력해 주세요").trim().min(1, "주소를 입력해 주세요"),
  addressDetail: text(100, "상세 주소는 100자 이내의 글자로 입력해 주세요").trim().default(""),
  deliveryMemo: text(200, "배송 메모는 200자 이내의 글자로 입력해 주세요").trim().default(""),
});

export type CheckoutForm = z.infer<typeof checkoutFormSchema>;
export type CheckoutFieldErrors = Partial<Record<keyof CheckoutForm, string>>;

/** The form's field errors, one per field of the order form. */
export function checkoutFieldErrorsOf(error: z.ZodError): CheckoutFieldErrors {
  const all = fieldErrorsOf(error);
  return Object.fromEntries(Object.keys(checkoutFormSchema.shape).filter((k) => k in all).map((k) => [k, all[k]]));
}
