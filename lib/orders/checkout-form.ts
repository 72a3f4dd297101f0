import { z } from "zod";

/** The order form, shared by the server action (authoritative) and the page (field hints). */
export const checkoutFormSchema = z.object({
  customerName: z.string().trim().min(1, "이름을 입력해 주세요").max(50, "이름은 50자 이내로 입력해 주세요"),
  customerEmail: z
    .string()
    .trim()
    .max(100, "이메일은 100자 이내로 입력해 주세요")
    .pipe(z.email("이메일 주소를 확인해 주세요 (예: name@example.com)")),
  customerPhone: z
    .string()
    .trim()
    .max(20, "휴대폰 번호를 확인해 주세요")
    .transform((v) => v.replace(/[\s-]/g, ""))
    .pipe(z.string().regex(/^01[016789]\d{7,8}$/, "휴대폰 번호를 확인해 주세요 (예: 010-1234-5678)")),
  postcode: z.string().trim().regex(/^\d{5}$/, "우편번호 5자리를 입력해 주세요"),
  address: z.string().trim().min(1, "주소를 입력해 주세요").max(200, "주소는 200자 이내로 입력해 주세요"),
  addressDetail: z.string().trim().max(100, "상세 주소는 100자 이내로 입력해 주세요").default(""),
  deliveryMemo: z.string().trim().max(200, "배송 메모는 200자 이내로 입력해 주세요").default(""),
});

export type CheckoutForm = z.infer<typeof checkoutFormSchema>;
export type CheckoutFieldErrors = Partial<Record<keyof CheckoutForm, string>>;

export function fieldErrorsOf(error: z.ZodError): CheckoutFieldErrors {
  const errors: CheckoutFieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path[0] as keyof CheckoutForm | undefined;
    if (key && !errors[key]) errors[key] = issue.message;
  }
  return errors;
}
