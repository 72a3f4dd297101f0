// The store's view of a payment and of the service that takes it, in words of its own: lib/orders
// reads only these types. A provider's adapter (lib/payments/<provider>/) turns its answers into
// them; nothing outside the adapter knows the provider's statuses, error codes, URLs or keys.

/** What a payment means for its order, in the store's words (the order state it leads to). */
export type PaymentOutcome = "PENDING" | "WAITING_FOR_DEPOSIT" | "PAID" | "PARTIAL_CANCELED" | "CANCELED" | "FAILED";

/** The refund transfer of a virtual account that was paid into: money sent back by bank transfer. */
export type RefundTransferStatus = "NONE" | "PENDING" | "COMPLETED" | "FAILED" | "PARTIAL_FAILED";

export type PaymentMethodKind = "card" | "virtual-account" | "transfer" | "easy-pay" | "phone" | "gift-certificate" | "other";

/** One cancel (full or partial) on the payment, as the provider reports it. */
export type PaymentCancelSnapshot = {
  /** The provider's id of this cancel: what keeps it from being counted twice. */
  transactionKey: string;
  amount: number;
  reason: string | null;
  canceledAt: Date | null;
  /** The cancel went through (an in-flight one is not counted). */
  done: boolean;
  /** The balance left after this cancel, when the provider says. */
  balanceAfter: number | null;
};

export type VirtualAccountSnapshot = {
  bankCode: string | null;
  accountNumber: string | null;
  /** The name the account was issued to. */
  holder: string | null;
  /** Who paid in, when known. */
  depositor: string | null;
  dueDate: Date | null;
};

export type CardSnapshot = { number: string; issuerCode: string; installmentPlanMonths: number; approveNo: string };

/** 현금영수증 as issued, with its history (issue, then a cancel per refund). */
export type CashReceiptSnapshot = {
  type: string;
  issueNumber: string | null;
  receiptUrl: string | null;
  amount: number;
  identity: string | null;
  /** `providerTransaction` is the provider's word, for a transaction the store has no name for. */
  history: { transaction: "ISSUE" | "CANCEL" | null; providerTransaction: string; amount: number; issue: "IN_PROGRESS" | "COMPLETED" | "FAILED" | null }[];
};

/** A payment as the provider last reported it, in the store's words. Amounts are integer KRW. */
export type PaymentSnapshot = {
  /** Which provider took it (payments.provider). */
  provider: string;
  /** The provider's name in the shopper's words (토스페이먼츠), for messages. */
  providerLabel: string;
  /** The provider's id of the payment (payments.payment_key). */
  reference: string;
  orderId: string;
  amount: number;
  /** What can still be canceled. */
  balance: number;
  outcome: PaymentOutcome;
  /** The provider's own status word, kept for the record and the back office; never compared outside the adapter. */
  providerStatus: string;
  /** The method in the shopper's words (카드, 가상계좌, …), null before one was chosen. */
  methodLabel: string | null;
  methodKind: PaymentMethodKind | null;
  /** Approval, or for a virtual account the deposit. */
  approvedAt: Date | null;
  /** A cancel of less than the balance is possible. */
  partialCancelAllowed: boolean;
  cancels: PaymentCancelSnapshot[];
  /** The provider's id of the payment's last transaction: changes with every cancel. */
  lastTransactionKey: string | null;
  virtualAccount: VirtualAccountSnapshot | null;
  /** Only for a virtual account: the state of its refund transfer. */
  refundTransfer: RefundTransferStatus | null;
  card: CardSnapshot | null;
  cashReceipt: CashReceiptSnapshot | null;
  receiptUrl: string | null;
  /** Why it failed, in the provider's code and words. */
  failure: { code: string; message: string } | null;
  /** The secret a deposit notification must echo (payments.secret); null when there is none. */
  webhookSecret: string | null;
  /** The provider's object verbatim, for support: never read for money. */
  raw: unknown;
};

/**
 * What a failed call to the provider means for the store:
 * - refused: a final no, nothing was charged or canceled (the card company, the rules, our keys);
 * - unknown: no answer, or "try later": the operation may still have happened;
 * - already-done: it was done before (confirmed, canceled): read the payment instead;
 * - missing: the provider knows no such payment (or its authentication ran out).
 */
export type PaymentFailureKind = "refused" | "unknown" | "already-done" | "missing";

export type PaymentFailure = {
  kind: PaymentFailureKind;
  code: string;
  message: string;
  httpStatus: number | null;
  /** A refusal caused by our keys or our request rather than the shopper: an operator must look. */
  operatorError: boolean;
  /**
   * An unknown outcome the provider answered and stored under this idempotency key (it would replay
   * it): a new key may succeed once the payment still waits for its confirm.
   */
  newKeyMayHelp: boolean;
  /** The provider answered with something the store could not read: kept for the owner. */
  unreadable: { raw: unknown; issues: string[] } | null;
};

export type CallOptions = { deadlineMs?: number };
export type IdempotentCallOptions = CallOptions & { idempotencyKey: string };

export type RefundAccount = { bank: string; accountNumber: string; holderName: string };

export type CancelInput = {
  reason: string;
  amount: number;
  /** The balance the caller believes is left: the provider refuses the cancel when it differs. */
  expectedBalance: number;
  /** Required for a virtual account that was paid into. */
  refundAccount?: RefundAccount;
};

/** A provider's webhook body, in the store's words. */
export type PaymentWebhookEvent =
  /** A deposit into a virtual account, authenticated by the payment's secret. */
  | { kind: "deposit"; orderId: string; secret: string }
  /**
   * The payment changed. `hint` is what the body says, never trusted, only compared with what is
   * stored to skip a read; a field left out is unknown, not unchanged.
   */
  | { kind: "payment-changed"; reference: string; orderId?: string; hint: PaymentHint }
  /** Something happened to a cancel; the body may not name the payment. */
  | { kind: "cancel-changed"; reference: string | null; orderId: string | null }
  /** An event the store does not act on. */
  | { kind: "other"; eventType: string };

export type PaymentHint = { providerStatus?: string; balance?: number; lastTransactionKey?: string | null; refundTransfer?: RefundTransferStatus | null };

export type ParsedWebhook =
  | { ok: true; eventType: string; event: PaymentWebhookEvent; orderId: string | null; reference: string | null }
  | { ok: false; detail: string; eventType: string | null };

/** The delivery headers a provider sends with a webhook. */
export type WebhookDeliveryHeaders = {
  /** One id per transmission, repeated on every redelivery; undefined when absent, null when unreadable. */
  transmissionId: string | undefined | null;
  retriedCount: number | null;
  /** Only the provider's own headers and the content type: never cookies or credentials. */
  kept: Record<string, string>;
};

/** Words for a failure code the provider sent the shopper back with, as the store groups them. */
export type ShopperFailureReason =
  | "canceled-by-shopper"
  | "aborted"
  | "card-company-refused"
  | "card-problem"
  | "wrong-password"
  | "limit-exceeded"
  | "account-refused"
  | "session-expired"
  | "invalid-request"
  | "unknown";

export type PaymentProvider = {
  /** Stored in payments.provider. */
  readonly name: string;
  /** Its name in the shopper's words (토스페이먼츠), for messages. */
  readonly label: string;
  /** Approves a payment the shopper authorized, for the stored amount. */
  confirm(input: { reference: string; orderId: string; amount: number }, options: IdempotentCallOptions): Promise<PaymentSnapshot>;
  read(reference: string, options?: CallOptions): Promise<PaymentSnapshot>;
  readByOrder(orderId: string, options?: CallOptions): Promise<PaymentSnapshot>;
  cancel(reference: string, input: CancelInput, options: IdempotentCallOptions): Promise<PaymentSnapshot>;
  /** What a thrown error means, or null when it did not come from this provider. */
  classifyError(error: unknown): PaymentFailure | null;
  /** A stored raw object back as a snapshot, or null when it does not read. */
  snapshotOf(raw: unknown): PaymentSnapshot | null;
  /** The provider's failure code of a failed payment window, grouped for the shopper's page. */
  shopperFailureReason(code: string): ShopperFailureReason;
  webhooks: {
    parse(json: unknown): ParsedWebhook;
    headers(headers: Headers): WebhookDeliveryHeaders;
  };
};
