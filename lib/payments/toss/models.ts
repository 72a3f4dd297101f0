import { z } from "zod";
import { TossSchemaError } from "./errors";

// Toss adds fields over time: every object is loose (unknown keys kept, never an error).

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
/** Integer KRW: never a fraction. */
const amount = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/** Fields Toss may leave out on some methods, or add later: absent or null both read as null. */
const maybe = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? null);

// Toss adds fields and leaves some out depending on the method. Strict only where money or
// identity is: paymentKey, orderId, status, totalAmount, balanceAmount, method, and every amount
// an integer. Everything else is optional, so a missing detail never strands a paid order.

export const CardSchema = z.looseObject({
  amount: maybe(amount),
  issuerCode: maybe(z.string()),
  acquirerCode: maybe(z.string()),
  number: maybe(z.string()),
  installmentPlanMonths: maybe(z.number().int()),
  approveNo: maybe(z.string()),
  useCardPoint: maybe(z.boolean()),
  /** 신용 / 체크 / 기프트 / 미확인 */
  cardType: maybe(z.string()),
  /** 개인 / 법인 / 미확인 */
  ownerType: maybe(z.string()),
  /** READY / REQUESTED / COMPLETED / CANCEL_REQUESTED / CANCELED */
  acquireStatus: maybe(z.string()),
  isInterestFree: maybe(z.boolean()),
  /** BUYER / CARD_COMPANY / MERCHANT */
  interestPayer: maybe(z.string()),
});
export type Card = z.infer<typeof CardSchema>;

export const RefundReceiveAccountSchema = z.looseObject({
  bankCode: maybe(z.string()),
  accountNumber: maybe(z.string()),
  holderName: maybe(z.string()),
});

export const VirtualAccountSchema = z.looseObject({
  /** 일반 / 고정 */
  accountType: maybe(z.string()),
  accountNumber: maybe(z.string()),
  bankCode: maybe(z.string()),
  customerName: maybe(z.string()),
  depositorName: maybe(z.string()),
  dueDate: maybe(z.string()),
  /** NONE / PENDING / FAILED / PARTIAL_FAILED / COMPLETED */
  refundStatus: maybe(z.string()),
  expired: maybe(z.boolean()),
  /** INCOMPLETED / COMPLETED */
  settlementStatus: maybe(z.string()),
  refundReceiveAccount: orNull(RefundReceiveAccountSchema),
});
export type VirtualAccount = z.infer<typeof VirtualAccountSchema>;

export const CancelSchema = z.looseObject({
  cancelAmount: amount,
  cancelReason: maybe(z.string()),
  taxFreeAmount: maybe(amount),
  taxExemptionAmount: maybe(amount),
  refundableAmount: maybe(amount),
  cardDiscountAmount: maybe(amount),
  transferDiscountAmount: maybe(amount),
  easyPayDiscountAmount: maybe(amount),
  canceledAt: maybe(z.string()),
  // Required: a cancel is money, and its key is what keeps it from being counted twice.
  transactionKey: z.string(),
  receiptKey: maybe(z.string()),
  /** DONE once the cancel went through */
  cancelStatus: maybe(z.string()),
  cancelRequestId: maybe(z.string()),
});
export type Cancel = z.infer<typeof CancelSchema>;

export const EasyPaySchema = z.looseObject({
  /** Korean provider name, e.g. 토스페이 */
  provider: maybe(z.string()),
  amount: maybe(amount),
  discountAmount: maybe(amount),
});

export const FailureSchema = z.looseObject({ code: z.string(), message: z.string() });
export const UrlObjectSchema = z.looseObject({ url: z.string() });

/** 현금영수증 as issued for a 계좌이체 or 가상계좌 payment (소득공제 with a phone, 지출증빙 with a business number). */
export const CashReceiptSchema = z.looseObject({
  type: z.string().max(20),
  receiptKey: maybe(z.string()),
  issueNumber: maybe(z.string().max(40)),
  receiptUrl: maybe(z.string().max(2000)),
  amount: amount,
  taxFreeAmount: maybe(amount),
});
export type CashReceipt = z.infer<typeof CashReceiptSchema>;

/** One step of a cash receipt's history: its issue (CONFIRM) and each cancel (CANCEL) a refund brings. */
export const CashReceiptHistorySchema = z.looseObject({
  receiptKey: maybe(z.string()),
  type: maybe(z.string().max(20)),
  issueNumber: maybe(z.string().max(40)),
  receiptUrl: maybe(z.string().max(2000)),
  transactionType: z.string().max(20),
  amount: amount,
  taxFreeAmount: maybe(amount),
  issueStatus: maybe(z.string().max(20)),
  customerIdentityNumber: maybe(z.string().max(40)),
  requestedAt: maybe(z.string()),
});
export type CashReceiptHistory = z.infer<typeof CashReceiptHistorySchema>;

export const PaymentSchema = z.looseObject({
  paymentKey: z.string().min(1),
  orderId: z.string().min(1),
  status: PaymentStatusSchema,
  totalAmount: amount,
  balanceAmount: amount,
  /** Required, but null until a method was chosen (an expired, never-confirmed payment). */
  method: PaymentMethodSchema.nullable(),
  version: maybe(z.string()),
  type: maybe(PaymentTypeSchema.or(z.string())),
  orderName: maybe(z.string()),
  mId: maybe(z.string()),
  currency: maybe(z.string()),
  requestedAt: maybe(z.string()),
  approvedAt: maybe(z.string()),
  useEscrow: maybe(z.boolean()),
  lastTransactionKey: maybe(z.string()),
  transactionKey: maybe(z.string()),
  suppliedAmount: maybe(amount),
  vat: maybe(amount),
  cultureExpense: maybe(z.boolean()),
  taxFreeAmount: maybe(amount),
  taxExemptionAmount: maybe(amount),
  cancels: orNull(z.array(CancelSchema)),
  isPartialCancelable: z.boolean().nullish().transform((v) => v ?? false),
  card: orNull(CardSchema),
  virtualAccount: orNull(VirtualAccountSchema),
  secret: maybe(z.string()),
  mobilePhone: orNull(z.looseObject({ customerMobilePhone: maybe(z.string()), settlementStatus: maybe(z.string()), receiptUrl: maybe(z.string()) })),
  giftCertificate: orNull(z.looseObject({ approveNo: maybe(z.string()), settlementStatus: maybe(z.string()) })),
  transfer: orNull(z.looseObject({ bankCode: maybe(z.string()), settlementStatus: maybe(z.string()) })),
  metadata: orNull(z.record(z.string(), z.unknown())),
  receipt: orNull(UrlObjectSchema),
  checkout: orNull(UrlObjectSchema),
  easyPay: orNull(EasyPaySchema),
  easyPayAmount: maybe(amount),
  easyPayDiscountAmount: maybe(amount),
  country: maybe(z.string()),
  failure: orNull(FailureSchema),
  // Shown to people, never used for money: an unexpected shape is dropped rather than failing the payment.
  cashReceipt: orNull(CashReceiptSchema).catch(null),
  cashReceipts: orNull(z.array(CashReceiptHistorySchema)).catch(null),
  discount: orNull(z.looseObject({ amount: maybe(amount) })),
});
/** A Payment as Toss returns it (API version 2022-11-16), validated. */
export type Payment = z.infer<typeof PaymentSchema>;

/** Toss's error body: `{code, message}` (sometimes with `data: null`). */
export const TossErrorBodySchema = z.looseObject({ code: z.string().min(1), message: z.string() });
export type TossErrorBody = z.infer<typeof TossErrorBodySchema>;

// Webhooks (docs/toss.md §3).

/**
 * PAYMENT_STATUS_CHANGED carries a Payment, but webhooks are not signed and docs examples show
 * partial objects: only what identifies the payment is validated; act on a re-read Payment.
 */
export const WebhookPaymentSchema = z.looseObject({
  paymentKey: z.string().min(1),
  orderId: z.string().min(1),
  status: PaymentStatusSchema,
  secret: z.string().nullable().optional(),
  /**
   * Hints that a cancel happened under an unchanged status (a second partial cancel stays
   * PARTIAL_CANCELED); a missing or bad one is dropped, never an error, and means "read Toss".
   */
  balanceAmount: z.number().int().nonnegative().optional().catch(undefined),
  lastTransactionKey: z.string().max(200).nullable().optional().catch(undefined),
  /** Only a hint that a refund transfer moved on under an unchanged status; a bad one is dropped, never an error. */
  virtualAccount: z.looseObject({ refundStatus: maybe(z.string().max(40)) }).nullish().catch(null),
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
