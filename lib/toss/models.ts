import { z } from "zod";
import { TossSchemaError } from "./errors";

// Toss adds fields over time: every object is loose (unknown keys kept, never an error).
// Sub-objects Toss may leave out entirely on some methods default to null.

export const PAYMENT_STATUSES = [
  "READY",
  "IN_PROGRESS",
  "WAITING_FOR_DEPOSIT",
  "DONE",
  "CANCELED",
  "PARTIAL_CANCELED",
  "ABORTED",
  "EXPIRED",
] as const;
export const PaymentStatusSchema = z.enum(PAYMENT_STATUSES);
export type PaymentStatus = z.infer<typeof PaymentStatusSchema>;

export const PaymentTypeSchema = z.enum(["NORMAL", "BILLING", "BRANDPAY"]);
export type PaymentType = z.infer<typeof PaymentTypeSchema>;

export const PAYMENT_METHODS = [
  "카드",
  "가상계좌",
  "간편결제",
  "휴대폰",
  "계좌이체",
  "문화상품권",
  "도서문화상품권",
  "게임문화상품권",
] as const;
export const PaymentMethodSchema = z.enum(PAYMENT_METHODS);
export type PaymentMethod = z.infer<typeof PaymentMethodSchema>;

const orNull = <T extends z.ZodType>(schema: T) => schema.nullable().default(null);
const amount = z.number();

export const CardSchema = z.looseObject({
  amount,
  issuerCode: z.string(),
  acquirerCode: z.string().nullable(),
  number: z.string(),
  installmentPlanMonths: z.number().int(),
  approveNo: z.string(),
  useCardPoint: z.boolean(),
  /** 신용 / 체크 / 기프트 / 미확인 */
  cardType: z.string(),
  /** 개인 / 법인 / 미확인 */
  ownerType: z.string(),
  /** READY / REQUESTED / COMPLETED / CANCEL_REQUESTED / CANCELED */
  acquireStatus: z.string(),
  isInterestFree: z.boolean(),
  /** BUYER / CARD_COMPANY / MERCHANT */
  interestPayer: z.string().nullable(),
});
export type Card = z.infer<typeof CardSchema>;

export const RefundReceiveAccountSchema = z.looseObject({
  bankCode: z.string(),
  accountNumber: z.string(),
  holderName: z.string(),
});

export const VirtualAccountSchema = z.looseObject({
  /** 일반 / 고정 */
  accountType: z.string(),
  accountNumber: z.string(),
  bankCode: z.string(),
  customerName: z.string(),
  depositorName: z.string().nullable().optional(),
  dueDate: z.string(),
  /** NONE / PENDING / FAILED / PARTIAL_FAILED / COMPLETED */
  refundStatus: z.string(),
  expired: z.boolean(),
  /** INCOMPLETED / COMPLETED */
  settlementStatus: z.string(),
  refundReceiveAccount: orNull(RefundReceiveAccountSchema),
});
export type VirtualAccount = z.infer<typeof VirtualAccountSchema>;

export const CancelSchema = z.looseObject({
  cancelAmount: amount,
  cancelReason: z.string(),
  taxFreeAmount: amount,
  taxExemptionAmount: amount,
  refundableAmount: amount,
  cardDiscountAmount: amount.optional(),
  transferDiscountAmount: amount.optional(),
  easyPayDiscountAmount: amount,
  canceledAt: z.string(),
  transactionKey: z.string(),
  receiptKey: z.string().nullable(),
  /** DONE once the cancel went through */
  cancelStatus: z.string(),
  cancelRequestId: z.string().nullable(),
});
export type Cancel = z.infer<typeof CancelSchema>;

export const EasyPaySchema = z.looseObject({
  /** Korean provider name, e.g. 토스페이 */
  provider: z.string(),
  amount,
  discountAmount: amount,
});

export const FailureSchema = z.looseObject({ code: z.string(), message: z.string() });
export const UrlObjectSchema = z.looseObject({ url: z.string() });

export const PaymentSchema = z.looseObject({
  version: z.string(),
  paymentKey: z.string().min(1),
  type: PaymentTypeSchema,
  orderId: z.string().min(1),
  orderName: z.string(),
  mId: z.string(),
  currency: z.string(),
  method: PaymentMethodSchema.nullable(),
  totalAmount: amount,
  balanceAmount: amount,
  status: PaymentStatusSchema,
  requestedAt: z.string(),
  approvedAt: z.string().nullable(),
  useEscrow: z.boolean().nullable(),
  lastTransactionKey: z.string().nullable(),
  transactionKey: orNull(z.string()),
  suppliedAmount: amount,
  vat: amount,
  cultureExpense: z.boolean(),
  taxFreeAmount: amount,
  taxExemptionAmount: amount,
  cancels: orNull(z.array(CancelSchema)),
  isPartialCancelable: z.boolean(),
  card: orNull(CardSchema),
  virtualAccount: orNull(VirtualAccountSchema),
  secret: z.string().nullable(),
  mobilePhone: orNull(z.looseObject({ customerMobilePhone: z.string(), settlementStatus: z.string(), receiptUrl: z.string().nullable() })),
  giftCertificate: orNull(z.looseObject({ approveNo: z.string(), settlementStatus: z.string() })),
  transfer: orNull(z.looseObject({ bankCode: z.string(), settlementStatus: z.string() })),
  metadata: orNull(z.record(z.string(), z.unknown())),
  receipt: orNull(UrlObjectSchema),
  checkout: orNull(UrlObjectSchema),
  easyPay: orNull(EasyPaySchema),
  easyPayAmount: orNull(amount),
  easyPayDiscountAmount: orNull(amount),
  country: z.string(),
  failure: orNull(FailureSchema),
  cashReceipt: orNull(z.looseObject({})),
  cashReceipts: orNull(z.array(z.looseObject({}))),
  discount: orNull(z.looseObject({ amount })),
});
/** A Payment as Toss returns it (API version 2022-11-16), validated. */
export type Payment = z.infer<typeof PaymentSchema>;

/** Toss's error body: `{code, message}` (sometimes with `data: null`). */
export const TossErrorBodySchema = z.looseObject({ code: z.string().min(1), message: z.string() });
export type TossErrorBody = z.infer<typeof TossErrorBodySchema>;

// Webhooks (toss-api.md §3).

/**
 * PAYMENT_STATUS_CHANGED carries a Payment, but webhooks are not signed and docs examples show
 * partial objects: only what identifies the payment is validated; act on a re-read Payment.
 */
export const WebhookPaymentSchema = z.looseObject({
  paymentKey: z.string().min(1),
  orderId: z.string().min(1),
  status: PaymentStatusSchema,
  secret: z.string().nullable().optional(),
});
export type WebhookPayment = z.infer<typeof WebhookPaymentSchema>;

export const PaymentStatusChangedSchema = z.looseObject({
  eventType: z.literal("PAYMENT_STATUS_CHANGED"),
  createdAt: z.string(),
  data: WebhookPaymentSchema,
});

/** The virtual-account callback: flat, no eventType, no data envelope, no paymentKey. */
export const DepositCallbackSchema = z.looseObject({
  createdAt: z.string(),
  secret: z.string().min(1),
  status: PaymentStatusSchema,
  transactionKey: z.string(),
  orderId: z.string().min(1),
});
export type DepositCallback = z.infer<typeof DepositCallbackSchema>;

export const CancelStatusChangedSchema = z.looseObject({
  eventType: z.literal("CANCEL_STATUS_CHANGED"),
  createdAt: z.string(),
  data: z.looseObject({}),
});

const OtherEventSchema = z.looseObject({ eventType: z.string().min(1), createdAt: z.string().optional(), data: z.unknown() });

export type WebhookBody =
  | { eventType: "PAYMENT_STATUS_CHANGED"; createdAt: string; payment: WebhookPayment }
  | ({ eventType: "DEPOSIT_CALLBACK" } & DepositCallback)
  | { eventType: "CANCEL_STATUS_CHANGED"; createdAt: string; data: Record<string, unknown> }
  /** Events this store does not act on (BILLING_DELETED, BrandPay, payouts): acknowledge and ignore. */
  | { eventType: "OTHER"; originalEventType: string; raw: unknown };

/**
 * Tells the webhook bodies apart. DEPOSIT_CALLBACK is flat per the docs; the
 * `{eventType: "DEPOSIT_CALLBACK", data: {...}}` shape some integrations expect is accepted too.
 * Throws TossSchemaError (code INVALID_WEBHOOK_BODY) on anything else.
 */
export function parseWebhookBody(json: unknown): WebhookBody {
  const fail = (issues: string[]) =>
    new TossSchemaError({ code: "INVALID_WEBHOOK_BODY", message: `Invalid TossPayments webhook body: ${issues[0] ?? "unrecognised"}`, raw: json, issues });
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw fail(["not a JSON object"]);
  const eventType = (json as { eventType?: unknown }).eventType;

  if (eventType === undefined || eventType === "DEPOSIT_CALLBACK") {
    const inner = eventType === undefined ? json : (json as { data?: unknown }).data;
    const parsed = DepositCallbackSchema.safeParse(inner);
    if (!parsed.success) throw fail(formatIssues(parsed.error));
    return { eventType: "DEPOSIT_CALLBACK", ...parsed.data };
  }
  if (eventType === "PAYMENT_STATUS_CHANGED") {
    const parsed = PaymentStatusChangedSchema.safeParse(json);
    if (!parsed.success) throw fail(formatIssues(parsed.error));
    return { eventType, createdAt: parsed.data.createdAt, payment: parsed.data.data };
  }
  if (eventType === "CANCEL_STATUS_CHANGED") {
    const parsed = CancelStatusChangedSchema.safeParse(json);
    if (!parsed.success) throw fail(formatIssues(parsed.error));
    return { eventType, createdAt: parsed.data.createdAt, data: parsed.data.data };
  }
  const parsed = OtherEventSchema.safeParse(json);
  if (!parsed.success) throw fail(formatIssues(parsed.error));
  return { eventType: "OTHER", originalEventType: parsed.data.eventType, raw: json };
}

export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
}
