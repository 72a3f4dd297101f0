export type PaymentStatus =
  | "READY"
  | "IN_PROGRESS"
  | "WAITING_FOR_DEPOSIT"
  | "DONE"
  | "CANCELED"
  | "PARTIAL_CANCELED"
  | "ABORTED"
  | "EXPIRED";

export type PaymentMethod = "카드" | "계좌이체" | "가상계좌" | "간편결제";

export interface Cancel {
  transactionKey: string;
  cancelReason: string;
  taxExemptionAmount: number;
  canceledAt: string;
  easyPayDiscountAmount: number;
  receiptKey: string | null;
  cancelStatus: "DONE";
  cancelRequestId: string | null;
  cancelAmount: number;
  taxFreeAmount: number;
  refundableAmount: number;
  cardDiscountAmount: number;
  transferDiscountAmount: number;
}

export interface VirtualAccount {
  accountType: "일반" | "고정";
  accountNumber: string;
  bankCode: string;
  customerName: string;
  depositorName: string | null;
  dueDate: string;
  refundStatus: "NONE" | "PENDING" | "FAILED" | "PARTIAL_FAILED" | "COMPLETED";
  expired: boolean;
  settlementStatus: "INCOMPLETED" | "COMPLETED";
  refundReceiveAccount: { bankCode: string; accountNumber: string; holderName: string } | null;
}

export type CashReceiptType = "소득공제" | "지출증빙";

/** Payment.cashReceipt: the receipt as issued (docs/toss.md §2.7). */
export interface CashReceipt {
  type: CashReceiptType;
  receiptKey: string;
  issueNumber: string;
  receiptUrl: string;
  amount: number;
  taxFreeAmount: number;
}

/** One entry of Payment.cashReceipts: the issue (CONFIRM) and each cancel a refund brings (CANCEL). */
export interface CashReceiptHistoryEntry {
  receiptKey: string;
  orderId: string;
  orderName: string;
  type: CashReceiptType;
  issueNumber: string;
  receiptUrl: string;
  businessNumber: string;
  transactionType: "CONFIRM" | "CANCEL";
  amount: number;
  taxFreeAmount: number;
  issueStatus: "IN_PROGRESS" | "COMPLETED" | "FAILED";
  failure: { code: string; message: string } | null;
  customerIdentityNumber: string;
  requestedAt: string;
}

/** The Payment object of API version 2022-11-16 (docs/toss.md §2.7): every field, null if n/a. */
export interface Payment {
  mId: string;
  version: "2022-11-16";
  paymentKey: string;
  type: "NORMAL";
  orderId: string;
  orderName: string;
  currency: "KRW";
  method: PaymentMethod | null;
  totalAmount: number;
  balanceAmount: number;
  status: PaymentStatus;
  requestedAt: string;
  approvedAt: string | null;
  useEscrow: boolean;
  lastTransactionKey: string | null;
  transactionKey: string | null;
  suppliedAmount: number;
  vat: number;
  cultureExpense: boolean;
  taxFreeAmount: number;
  taxExemptionAmount: number;
  cancels: Cancel[] | null;
  isPartialCancelable: boolean;
  card: {
    amount: number;
    issuerCode: string;
    acquirerCode: string | null;
    number: string;
    installmentPlanMonths: number;
    approveNo: string;
    useCardPoint: boolean;
    cardType: "신용" | "체크" | "기프트" | "미확인";
    ownerType: "개인" | "법인" | "미확인";
    acquireStatus: "READY" | "REQUESTED" | "COMPLETED" | "CANCEL_REQUESTED" | "CANCELED";
    isInterestFree: boolean;
    interestPayer: "BUYER" | "CARD_COMPANY" | "MERCHANT" | null;
  } | null;
  virtualAccount: VirtualAccount | null;
  transfer: { bankCode: string; settlementStatus: "INCOMPLETED" | "COMPLETED" } | null;
  mobilePhone: null;
  giftCertificate: null;
  cashReceipt: CashReceipt | null;
  cashReceipts: CashReceiptHistoryEntry[] | null;
  discount: null;
  secret: string | null;
  metadata: Record<string, string> | null;
  receipt: { url: string } | null;
  checkout: { url: string } | null;
  easyPay: { provider: string; amount: number; discountAmount: number } | null;
  easyPayAmount: number | null;
  easyPayDiscountAmount: number | null;
  country: "KR";
  failure: { code: string; message: string } | null;
}

export interface ScriptEntry {
  status?: number;
  code?: string;
  message?: string;
  delayMs?: number;
}

export interface CallCounter {
  /** Authenticated requests naming this payment. */
  total: number;
  /** Ran the operation (including scripted outcomes). */
  executed: number;
  /** Answered from the idempotency cache. */
  replayed: number;
  /** Refused with 409 IDEMPOTENT_REQUEST_PROCESSING. */
  inFlightRejected: number;
  /** Executed and succeeded (HTTP 200). */
  succeeded: number;
}

export interface PaymentRecord {
  payment: Payment;
  meta: {
    merchant: string;
    clientKey: string;
    customerKey: string;
    authorizedAtMs: number;
    sessionExpiresAtMs: number;
    vaDueAtMs: number | null;
    bankCode: string | null;
    customerName: string | null;
    customerEmail: string | null;
    successUrl: string | null;
    failUrl: string | null;
    calls: { confirm: CallCounter; cancel: CallCounter; get: number };
    script: { confirm: ScriptEntry[]; cancel: ScriptEntry[] };
    /** How the next refunds to a refund account end: at once, or PENDING until the control API says. */
    refundMode?: "COMPLETED" | "PENDING";
    /** Cancels made "in Toss's dashboard" through the control API (not REST calls). */
    dashboardCancels?: number;
    /** The 현금영수증 asked for in the payment window: issued once the money arrives. */
    cashReceipt?: { type: CashReceiptType; customerIdentityNumber: string } | null;
  };
}

export interface IdempotencyRecord {
  id: string;
  status: number;
  body: string;
  createdAtMs: number;
  paymentKey: string | null;
}

export interface DeliveryAttempt {
  number: number;
  retriedCount: number;
  at: string;
  atMs: number;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  manual: boolean;
}

export type DeliveryStatus = "PENDING" | "SUCCEEDED" | "FAILED" | "NO_ENDPOINT";

export interface Delivery {
  id: string;
  eventType: "PAYMENT_STATUS_CHANGED" | "DEPOSIT_CALLBACK";
  url: string | null;
  body: unknown;
  paymentKey: string;
  orderId: string;
  paymentStatus: PaymentStatus;
  createdAt: string;
  createdAtMs: number;
  status: DeliveryStatus;
  nextAttemptAtMs: number | null;
  nextAttemptAt: string | null;
  attempts: DeliveryAttempt[];
}

export interface PersistedState {
  version: 1;
  savedAtMs: number;
  payments: PaymentRecord[];
  idempotency: IdempotencyRecord[];
  deliveries: Delivery[];
}
