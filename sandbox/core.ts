import { z } from "zod";
import {
  ALREADY_CANCELED_CODE,
  CONFIRM_AMOUNT_MISMATCH,
  CONFIRM_SESSION_MISSING_CODE,
  CONFIRM_WINDOW_MINUTES,
  DEFAULT_CLIENT_KEY,
  IDEMPOTENCY_TTL_MS,
  DASHBOARD_CANCEL_REASON,
  PARTIAL_REFUND_REFUSED_CODE,
  REFUND_ACCOUNT_NUMBER,
  REFUND_HOLDER_NAME_MAX,
  REFUND_STATUS_AFTER_CANCEL,
  REUSABLE_ORDER_STATUSES,
  VIRTUAL_ACCOUNT_EXPIRED_FLAG,
  VIRTUAL_ACCOUNT_VALID_HOURS,
  WEBHOOK_TIMEOUT_MS,
  abortsPayment,
  mIdOf,
  merchantOf,
  sameMerchant,
  vatOf,
} from "./choices";
import { ERRORS, TossError, tossError } from "./errors";
import { Persister } from "./store";
import type {
  CallCounter,
  IdempotencyRecord,
  Payment,
  PaymentMethod,
  PaymentRecord,
  PersistedState,
  ScriptEntry,
  CashReceiptHistoryEntry,
} from "./types";
import { BANKS, Clock, DEFAULT_BANK_CODE, appendQuery, bankCodeOf, ids, kst } from "./util";
import { Webhooks } from "./webhooks";

export interface CoreOptions {
  dataDir?: string;
  webhookUrl?: string;
  timeScale?: number;
  webhookTimeoutMs?: number;
}

export interface Auth {
  secretKey: string;
  merchant: string;
}

const METHOD_ALIASES: Record<string, PaymentMethod> = {
  카드: "카드",
  CARD: "카드",
  계좌이체: "계좌이체",
  TRANSFER: "계좌이체",
  가상계좌: "가상계좌",
  VIRTUAL_ACCOUNT: "가상계좌",
  간편결제: "간편결제",
  EASY_PAY: "간편결제",
  토스페이: "간편결제",
};

const absoluteUrl = z
  .string()
  .max(2000)
  .refine((v) => /^https?:\/\/[^/?#\s]+/i.test(v) && URL.canParse(v), "must be an absolute http(s) URL");
const amountLike = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

/** What the payment window (or the control API) needs to authorize a payment. */
export const authorizeSchema = z.object({
  clientKey: z.string().regex(/^test_gck_\w+$/, "must be a test_gck_ client key").default(DEFAULT_CLIENT_KEY),
  customerKey: z
    .string()
    .regex(/^(@@ANONYMOUS|[A-Za-z0-9\-_=.@]{2,50})$/)
    .default("@@ANONYMOUS"),
  orderId: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, "6–64 characters of [A-Za-z0-9_-]"),
  orderName: z.string().min(1).max(100),
  amount: amountLike.pipe(z.number().int().positive().max(1_000_000_000)),
  method: z.string().transform((v, ctx) => {
    const m = METHOD_ALIASES[v];
    if (!m) ctx.addIssue({ code: "custom", message: "unknown method" });
    return m ?? "카드";
  }),
  bankCode: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return undefined;
      const code = bankCodeOf(v);
      if (!code) ctx.addIssue({ code: "custom", message: "unknown bank" });
      return code;
    }),
  customerName: z.string().max(100).optional(),
  customerEmail: z.string().max(100).optional(),
  customerMobilePhone: z.string().regex(/^\d{8,15}$/).optional(),
  taxFreeAmount: amountLike.pipe(z.number().int().nonnegative()).optional(),
  taxExemptionAmount: amountLike.pipe(z.number().int().nonnegative()).optional(),
  useEscrow: z.boolean().optional(),
  /** Sandbox only: authorize a payment whose `isPartialCancelable` is false. */
  partialCancelable: z.boolean().optional(),
  cultureExpense: z.boolean().optional(),
  metadata: z
    .record(z.string().max(40).regex(/^[^[\]]*$/), z.string().max(2000))
    .refine((m) => Object.keys(m).length <= 5, "at most 5 keys")
    .nullable()
    .optional(),
  successUrl: absoluteUrl.optional(),
  failUrl: absoluteUrl.optional(),
  /** The payment window's 현금영수증 (계좌이체 and 가상계좌 only): a phone for 소득공제, a business number for 지출증빙. */
  cashReceipt: z
    .object({ type: z.enum(["소득공제", "지출증빙"]), customerIdentityNumber: z.string().transform((v) => v.replace(/\D/g, "")) })
    .refine((c) => (c.type === "소득공제" ? /^01\d{8,9}$/ : /^\d{10}$/).test(c.customerIdentityNumber), "현금영수증 발급 번호를 확인해 주세요.")
    .optional(),
});
export type AuthorizeInput = z.input<typeof authorizeSchema>;

export const confirmSchema = z.object({
  paymentKey: z.string().min(1).max(200),
  orderId: z.string().min(1).max(64),
  amount: amountLike.pipe(z.number().int().nonnegative()),
});

export const cancelSchema = z.object({
  cancelReason: z.string().trim().min(1).max(200),
  cancelAmount: z.number().int().positive().optional(),
  refundReceiveAccount: z
    .object({
      bank: z.string().max(20),
      accountNumber: z.string().max(100),
      holderName: z.string().max(200),
    })
    .optional(),
  taxFreeAmount: z.number().int().nonnegative().optional(),
  taxExemptionAmount: z.number().int().nonnegative().optional(),
  currency: z.literal("KRW").optional(),
  refundableAmount: z.number().int().nonnegative().optional(),
});

export const dashboardCancelSchema = cancelSchema.extend({ cancelReason: z.string().trim().min(1).max(200).optional() });

export function counter(): CallCounter {
  return { total: 0, executed: 0, replayed: 0, inFlightRejected: 0, succeeded: 0 };
}

/** The sandbox's state and rules, independent of HTTP. */
export class Core {
  readonly clock: Clock;
  readonly webhooks: Webhooks;
  readonly payments = new Map<string, PaymentRecord>();
  private readonly byOrder = new Map<string, string>();
  readonly idempotency = new Map<string, IdempotencyRecord>();
  readonly idempotencyInFlight = new Set<string>();
  private readonly inProgress = new Set<string>();
  private readonly waitingVa = new Set<string>();
  /**
   * Scripts waiting for a payment not yet authorized, by orderId: a browser checkout test knows its
   * order before the shopper approves, but the payment (and its key) exists only from approval on,
   * and the store confirms right after. Not persisted: a test hook, gone at restart or reset.
   */
  private readonly orderScripts = new Map<string, PaymentRecord["meta"]["script"]>();
  readonly config: { webhookUrl: string | null; webhookTimeoutMs: number };
  private persister: Persister | undefined;
  private timer: NodeJS.Timeout | undefined;
  private timerDue = Infinity;
  private closed = false;

  constructor(options: CoreOptions = {}) {
    this.clock = new Clock(options.timeScale && options.timeScale > 0 ? options.timeScale : 1);
    this.config = {
      webhookUrl: options.webhookUrl ?? null,
      webhookTimeoutMs: options.webhookTimeoutMs ?? WEBHOOK_TIMEOUT_MS,
    };
    this.webhooks = new Webhooks({
      clock: this.clock,
      webhookUrl: () => this.config.webhookUrl,
      timeoutMs: () => this.config.webhookTimeoutMs,
      changed: () => this.changed(),
      due: (at) => this.wakeAt(at),
    });
    if (options.dataDir) {
      this.persister = new Persister(options.dataDir, () => this.snapshot(), 1000);
      const saved = this.persister.load();
      if (saved) this.restore(saved);
    }
    this.tick();
  }

  // ── persistence ────────────────────────────────────────────────────────────
  private snapshot(): PersistedState {
    return {
      version: 1,
      savedAtMs: this.clock.now(),
      payments: [...this.payments.values()],
      idempotency: [...this.idempotency.values()],
      deliveries: [...this.webhooks.deliveries.values()],
    };
  }

  private restore(s: PersistedState) {
    this.clock.resume(s.savedAtMs);
    for (const rec of s.payments) this.index(rec);
    const now = this.clock.now();
    for (const r of s.idempotency) if (now - r.createdAtMs < IDEMPOTENCY_TTL_MS) this.idempotency.set(r.id, r);
    this.webhooks.load(s.deliveries);
  }

  changed() {
    this.persister?.markDirty();
  }

  async close() {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.webhooks.close();
    await this.persister?.flush();
  }

  reset() {
    this.payments.clear();
    this.byOrder.clear();
    this.idempotency.clear();
    this.inProgress.clear();
    this.waitingVa.clear();
    this.orderScripts.clear();
    this.webhooks.reset();
    this.clock.reset();
    this.changed();
  }

  private index(rec: PaymentRecord) {
    const p = rec.payment;
    this.payments.set(p.paymentKey, rec);
    this.byOrder.set(p.orderId, p.paymentKey);
    if (p.status === "IN_PROGRESS") this.inProgress.add(p.paymentKey);
    else this.inProgress.delete(p.paymentKey);
    if (p.status === "WAITING_FOR_DEPOSIT" && !p.virtualAccount?.expired) this.waitingVa.add(p.paymentKey);
    else this.waitingVa.delete(p.paymentKey);
  }

  // ── the clock and the scheduler ────────────────────────────────────────────
  private wakeAt(atMs: number) {
    if (this.closed || atMs >= this.timerDue) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerDue = atMs;
    const delay = Math.min(this.clock.realDelay(atMs - this.clock.now()), 60 * 60 * 1000);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerDue = Infinity;
      this.tick();
    }, delay);
    this.timer.unref();
  }

  /** Runs everything that is due now, then sleeps until the next due thing. */
  tick() {
    if (this.closed) return;
    const now = this.clock.now();
    let next = Infinity;
    for (const key of [...this.inProgress]) {
      const rec = this.payments.get(key);
      if (!rec) continue;
      this.refresh(rec, now);
      if (rec.payment.status === "IN_PROGRESS") next = Math.min(next, rec.meta.sessionExpiresAtMs);
    }
    for (const key of [...this.waitingVa]) {
      const rec = this.payments.get(key);
      if (!rec) continue;
      this.refresh(rec, now);
      if (this.waitingVa.has(key) && rec.meta.vaDueAtMs !== null) next = Math.min(next, rec.meta.vaDueAtMs);
    }
    this.webhooks.runDue(now);
    const w = this.webhooks.earliestDue();
    if (w !== null) next = Math.min(next, w);
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDue = Infinity;
    if (next !== Infinity) this.wakeAt(next);
  }

  advance(minutes: number) {
    this.clock.advance(minutes * 60_000);
    this.tick();
    return { now: kst(this.clock.now()), nowMs: this.clock.now() };
  }

  setTimeScale(scale: number) {
    this.clock.setScale(scale);
    this.tick();
  }

  /** Applies time-based transitions to one payment (lazy, so reads are exact between ticks). */
  private refresh(rec: PaymentRecord, now = this.clock.now()) {
    const p = rec.payment;
    if (p.status === "IN_PROGRESS" && now >= rec.meta.sessionExpiresAtMs) {
      p.status = "EXPIRED";
      p.secret = null;
      p.failure = { code: "EXPIRED_PAYMENT", message: ERRORS.EXPIRED_PAYMENT![1] };
      this.index(rec);
      this.changed();
      this.webhooks.paymentStatusChanged(p);
    } else if (
      p.status === "WAITING_FOR_DEPOSIT" &&
      p.virtualAccount &&
      !p.virtualAccount.expired &&
      rec.meta.vaDueAtMs !== null &&
      now >= rec.meta.vaDueAtMs
    ) {
      p.virtualAccount.expired = VIRTUAL_ACCOUNT_EXPIRED_FLAG;
      this.waitingVa.delete(p.paymentKey);
      this.changed();
    }
  }

  // ── lookups ────────────────────────────────────────────────────────────────
  find(paymentKey: string): PaymentRecord | undefined {
    const rec = this.payments.get(paymentKey);
    if (rec) this.refresh(rec);
    return rec;
  }

  findByOrder(orderId: string): PaymentRecord | undefined {
    const key = this.byOrder.get(orderId);
    return key === undefined ? undefined : this.find(key);
  }

  /** The REST view: another merchant's payment does not exist. */
  visible(auth: Auth, rec: PaymentRecord | undefined): PaymentRecord {
    if (!rec || !sameMerchant(auth.merchant, rec.meta.merchant)) throw tossError("NOT_FOUND_PAYMENT");
    return rec;
  }

  takeScript(rec: PaymentRecord, op: "confirm" | "cancel"): ScriptEntry | undefined {
    const entry = rec.meta.script[op].shift();
    if (entry) this.changed();
    return entry;
  }

  // ── the payment window: authorize ──────────────────────────────────────────
  authorize(raw: unknown): { record: PaymentRecord; successUrl: string | null } {
    const parsed = authorizeSchema.safeParse(raw);
    if (!parsed.success) throw invalid(parsed.error);
    const input = parsed.data;
    if ((input.taxFreeAmount ?? 0) + (input.taxExemptionAmount ?? 0) > input.amount) {
      throw tossError("INVALID_REQUEST", "taxFreeAmount 값이 결제 금액보다 클 수 없습니다.");
    }
    if (input.cashReceipt && input.method !== "계좌이체" && input.method !== "가상계좌") {
      throw tossError("INVALID_REQUEST", "현금영수증은 계좌이체와 가상계좌 결제에서만 발급할 수 있습니다.");
    }
    const existing = this.findByOrder(input.orderId);
    if (existing && !REUSABLE_ORDER_STATUSES.includes(existing.payment.status)) throw tossError("DUPLICATED_ORDER_ID");

    const now = this.clock.now();
    let paymentKey = ids.paymentKey(now);
    while (this.payments.has(paymentKey)) paymentKey = ids.paymentKey(now);
    const merchant = merchantOf(input.clientKey);
    const method = input.method;
    const taxFree = input.taxFreeAmount ?? 0;
    const taxExemption = input.taxExemptionAmount ?? 0;
    const receiptPath = method === "가상계좌" || method === "계좌이체" ? "payment-detail/bank-transfer" : "redirection";
    const payment: Payment = {
      mId: mIdOf(merchant),
      version: "2022-11-16",
      paymentKey,
      type: "NORMAL",
      orderId: input.orderId,
      orderName: input.orderName,
      currency: "KRW",
      method,
      totalAmount: input.amount,
      balanceAmount: input.amount,
      status: "IN_PROGRESS",
      requestedAt: kst(now),
      approvedAt: null,
      useEscrow: input.useEscrow ?? false,
      lastTransactionKey: null,
      transactionKey: null,
      ...vatOf(input.amount, taxFree, taxExemption),
      cultureExpense: input.cultureExpense ?? false,
      taxFreeAmount: taxFree,
      taxExemptionAmount: taxExemption,
      cancels: null,
      isPartialCancelable: (input.partialCancelable ?? true) && !(method === "카드" && taxExemption > 0),
      card: null,
      virtualAccount: null,
      transfer: null,
      mobilePhone: null,
      giftCertificate: null,
      cashReceipt: null,
      cashReceipts: null,
      discount: null,
      secret: null,
      metadata: input.metadata ?? null,
      receipt: { url: `https://dashboard-sandbox.tosspayments.com/receipt/${receiptPath}?transactionId=${paymentKey}&ref=PX` },
      checkout: { url: `https://api.tosspayments.com/v1/payments/${paymentKey}/checkout` },
      easyPay: null,
      easyPayAmount: null,
      easyPayDiscountAmount: null,
      country: "KR",
      failure: null,
    };
    const record: PaymentRecord = {
      payment,
      meta: {
        merchant,
        clientKey: input.clientKey,
        customerKey: input.customerKey,
        authorizedAtMs: now,
        sessionExpiresAtMs: now + CONFIRM_WINDOW_MINUTES * 60_000,
        vaDueAtMs: null,
        bankCode: input.bankCode ?? null,
        customerName: input.customerName ?? null,
        customerEmail: input.customerEmail ?? null,
        successUrl: input.successUrl ?? null,
        failUrl: input.failUrl ?? null,
        cashReceipt: input.cashReceipt ?? null,
        calls: { confirm: counter(), cancel: counter(), get: 0 },
        script: this.orderScripts.get(input.orderId) ?? { confirm: [], cancel: [] },
      },
    };
    this.orderScripts.delete(input.orderId);
    this.index(record);
    this.changed();
    this.wakeAt(record.meta.sessionExpiresAtMs);
    return { record, successUrl: input.successUrl ? successRedirect(input.successUrl, payment) : null };
  }

  /** Appends to the script the next payment authorized for `orderId` starts with. */
  scriptForOrder(orderId: string, script: { confirm?: ScriptEntry[]; cancel?: ScriptEntry[]; replace?: boolean }) {
    const held = script.replace ? { confirm: [], cancel: [] } : (this.orderScripts.get(orderId) ?? { confirm: [], cancel: [] });
    held.confirm.push(...(script.confirm ?? []));
    held.cancel.push(...(script.cancel ?? []));
    this.orderScripts.set(orderId, held);
    return { orderId, script: held };
  }

  // ── REST: confirm ──────────────────────────────────────────────────────────
  /** A forced (scripted) confirm error: terminal ones abort the payment. */
  failConfirm(rec: PaymentRecord, err: TossError) {
    const p = rec.payment;
    if (p.status === "IN_PROGRESS" && abortsPayment(err.status, err.code)) {
      p.status = "ABORTED";
      p.failure = { code: err.code, message: err.message };
      this.index(rec);
      this.changed();
      this.webhooks.paymentStatusChanged(p);
    }
    throw err;
  }

  confirm(auth: Auth, body: z.infer<typeof confirmSchema>): Payment {
    const rec = this.find(body.paymentKey);
    if (!rec) throw tossError(CONFIRM_SESSION_MISSING_CODE);
    if (!sameMerchant(auth.merchant, rec.meta.merchant)) throw tossError("INVALID_API_KEY");
    const p = rec.payment;
    switch (p.status) {
      case "IN_PROGRESS":
        break;
      case "EXPIRED":
      case "ABORTED":
      case "READY":
        throw tossError(CONFIRM_SESSION_MISSING_CODE);
      default:
        throw tossError("ALREADY_PROCESSED_PAYMENT");
    }
    if (body.orderId !== p.orderId) throw tossError(CONFIRM_SESSION_MISSING_CODE);
    if (body.amount !== p.totalAmount) throw tossError(CONFIRM_AMOUNT_MISMATCH.code, CONFIRM_AMOUNT_MISMATCH.message);

    const now = this.clock.now();
    const tx = ids.transactionKey();
    p.lastTransactionKey = tx;
    p.transactionKey = tx;
    p.secret = ids.secret();
    switch (p.method) {
      case "가상계좌": {
        const due = now + VIRTUAL_ACCOUNT_VALID_HOURS * 60 * 60_000;
        rec.meta.vaDueAtMs = due;
        p.status = "WAITING_FOR_DEPOSIT";
        p.virtualAccount = {
          accountType: "일반",
          accountNumber: ids.accountNumber(),
          bankCode: rec.meta.bankCode ?? DEFAULT_BANK_CODE,
          customerName: rec.meta.customerName ?? "",
          depositorName: null,
          dueDate: kst(due),
          refundStatus: "NONE",
          expired: false,
          settlementStatus: "INCOMPLETED",
          refundReceiveAccount: null,
        };
        this.wakeAt(due);
        break;
      }
      case "계좌이체":
        p.status = "DONE";
        p.approvedAt = kst(now);
        p.transfer = { bankCode: rec.meta.bankCode ?? DEFAULT_BANK_CODE, settlementStatus: "INCOMPLETED" };
        this.issueCashReceipt(rec);
        break;
      case "간편결제":
        p.status = "DONE";
        p.approvedAt = kst(now);
        p.easyPay = { provider: "토스페이", amount: p.totalAmount, discountAmount: 0 };
        p.easyPayAmount = p.totalAmount;
        p.easyPayDiscountAmount = 0;
        break;
      default:
        p.status = "DONE";
        p.approvedAt = kst(now);
        p.card = {
          amount: p.totalAmount,
          issuerCode: "71",
          acquirerCode: "71",
          number: "12345678****000*",
          installmentPlanMonths: 0,
          approveNo: "00000000",
          useCardPoint: false,
          cardType: "신용",
          ownerType: "개인",
          acquireStatus: "READY",
          isInterestFree: false,
          interestPayer: null,
        };
    }
    this.index(rec);
    this.changed();
    if (p.method === "가상계좌") this.webhooks.depositCallback(p);
    this.webhooks.paymentStatusChanged(p);
    return p;
  }

  // ── REST: cancel ───────────────────────────────────────────────────────────
  cancel(auth: Auth, paymentKey: string, body: z.infer<typeof cancelSchema>): Payment {
    const rec = this.visible(auth, this.find(paymentKey));
    const p = rec.payment;
    if (p.status === "CANCELED") throw tossError(ALREADY_CANCELED_CODE);
    if (!["DONE", "PARTIAL_CANCELED", "WAITING_FOR_DEPOSIT"].includes(p.status)) throw tossError("NOT_CANCELABLE_PAYMENT");
    if (body.refundableAmount !== undefined && body.refundableAmount !== p.balanceAmount) {
      throw tossError("NOT_MATCHES_REFUNDABLE_AMOUNT");
    }
    const amount = body.cancelAmount ?? p.balanceAmount;
    if (amount > p.balanceAmount) throw tossError("NOT_CANCELABLE_AMOUNT");
    const isVa = p.method === "가상계좌";
    if (p.status === "WAITING_FOR_DEPOSIT" && amount < p.balanceAmount) {
      throw tossError("NOT_ALLOWED_PARTIAL_REFUND_WAITING_DEPOSIT");
    }
    if (!p.isPartialCancelable && amount < p.balanceAmount) throw tossError(PARTIAL_REFUND_REFUSED_CODE);
    let refundAccount: { bankCode: string; accountNumber: string; holderName: string } | null = null;
    if (isVa && p.status !== "WAITING_FOR_DEPOSIT") {
      const acct = body.refundReceiveAccount;
      if (!acct) throw tossError("INVALID_REFUND_ACCOUNT_INFO", "가상계좌 결제를 취소하려면 환불 받을 계좌 정보(refundReceiveAccount)가 필요합니다.");
      const bankCode = bankCodeOf(acct.bank);
      if (!bankCode) throw tossError("INVALID_BANK");
      if (!REFUND_ACCOUNT_NUMBER.test(acct.accountNumber)) throw tossError("INVALID_REFUND_ACCOUNT_NUMBER");
      const holder = acct.holderName.trim();
      if (holder === "" || holder.length > REFUND_HOLDER_NAME_MAX) {
        throw tossError("INVALID_REFUND_ACCOUNT_INFO", "환불 계좌의 예금주 이름을 확인해 주세요.");
      }
      refundAccount = { bankCode, accountNumber: acct.accountNumber, holderName: acct.holderName };
    }
    const taxFreeLeft = p.taxFreeAmount - (p.cancels ?? []).reduce((s, c) => s + c.taxFreeAmount, 0);
    const cancelTaxFree = body.taxFreeAmount ?? (amount === p.balanceAmount ? taxFreeLeft : 0);
    if (cancelTaxFree > taxFreeLeft || cancelTaxFree > amount) throw tossError("NOT_CANCELABLE_AMOUNT");
    this.applyCancel(rec, amount, body.cancelReason, cancelTaxFree, body.taxExemptionAmount ?? 0);
    if (p.virtualAccount && refundAccount) {
      p.virtualAccount.refundReceiveAccount = refundAccount;
      p.virtualAccount.refundStatus = rec.meta.refundMode ?? REFUND_STATUS_AFTER_CANCEL;
    }
    this.changed();
    if (isVa) this.webhooks.depositCallback(p);
    this.webhooks.paymentStatusChanged(p);
    return p;
  }

  private applyCancel(rec: PaymentRecord, amount: number, reason: string, taxFree: number, taxExemption: number) {
    const p = rec.payment;
    const tx = ids.transactionKey();
    const balance = p.balanceAmount - amount;
    (p.cancels ??= []).push({
      transactionKey: tx,
      cancelReason: reason,
      taxExemptionAmount: taxExemption,
      canceledAt: kst(this.clock.now()),
      easyPayDiscountAmount: 0,
      receiptKey: null,
      cancelStatus: "DONE",
      cancelRequestId: null,
      cancelAmount: amount,
      taxFreeAmount: taxFree,
      refundableAmount: balance,
      cardDiscountAmount: 0,
      transferDiscountAmount: 0,
    });
    p.balanceAmount = balance;
    p.status = balance === 0 ? "CANCELED" : "PARTIAL_CANCELED";
    p.lastTransactionKey = tx;
    p.transactionKey = tx;
    const taxFreeLeft = p.taxFreeAmount - p.cancels.reduce((s, c) => s + c.taxFreeAmount, 0);
    Object.assign(p, vatOf(balance, taxFreeLeft, 0));
    if (p.card && balance === 0) p.card.acquireStatus = "CANCELED";
    if (p.cashReceipt) this.cashReceiptEntry(rec, "CANCEL", amount, taxFree);
    this.index(rec);
  }

  /**
   * 현금영수증 asked for in the window, issued when the money arrives (계좌이체 at confirm, 가상계좌 at
   * the deposit). A refund adds a CANCEL entry for its amount; cashReceipt keeps the issue.
   */
  private issueCashReceipt(rec: PaymentRecord) {
    const p = rec.payment;
    if (!rec.meta.cashReceipt || p.cashReceipt) return;
    const entry = this.cashReceiptEntry(rec, "CONFIRM", p.totalAmount, p.taxFreeAmount);
    p.cashReceipt = { type: entry.type, receiptKey: entry.receiptKey, issueNumber: entry.issueNumber, receiptUrl: entry.receiptUrl, amount: entry.amount, taxFreeAmount: entry.taxFreeAmount };
  }

  private cashReceiptEntry(rec: PaymentRecord, transactionType: "CONFIRM" | "CANCEL", amount: number, taxFreeAmount: number): CashReceiptHistoryEntry {
    const p = rec.payment;
    const asked = rec.meta.cashReceipt!;
    const receiptKey = ids.cashReceiptKey();
    const entry: CashReceiptHistoryEntry = {
      receiptKey,
      orderId: p.orderId,
      orderName: p.orderName,
      type: asked.type,
      issueNumber: ids.cashReceiptIssueNumber(),
      receiptUrl: `https://dashboard-sandbox.tosspayments.com/receipt/cash-receipt?receiptKey=${receiptKey}&ref=PX`,
      businessNumber: SANDBOX_BUSINESS_NUMBER,
      transactionType,
      amount,
      taxFreeAmount,
      issueStatus: "COMPLETED",
      failure: null,
      customerIdentityNumber: maskIdentity(asked.customerIdentityNumber),
      requestedAt: kst(this.clock.now()),
    };
    (p.cashReceipts ??= []).push(entry);
    return entry;
  }

  /** A cancel made in Toss's own dashboard: the same rules as the REST call, without a REST call. */
  dashboardCancel(paymentKey: string, body: z.infer<typeof dashboardCancelSchema>): Payment {
    const rec = this.find(paymentKey);
    if (!rec) throw tossError("NOT_FOUND_PAYMENT");
    const payment = this.cancel({ secretKey: "", merchant: rec.meta.merchant }, paymentKey, {
      ...body,
      cancelReason: body.cancelReason ?? DASHBOARD_CANCEL_REASON,
    });
    rec.meta.dashboardCancels = (rec.meta.dashboardCancels ?? 0) + 1;
    return payment;
  }

  /** Whether the next refunds to a refund account complete at once or stay PENDING. */
  setRefundMode(orderId: string, mode: "COMPLETED" | "PENDING"): Payment {
    const rec = this.virtualAccountOf(orderId);
    rec.meta.refundMode = mode;
    this.changed();
    return rec.payment;
  }

  /** The bank finishes a PENDING refund: the money arrived, or the transfer failed. */
  finishRefund(orderId: string, result: "COMPLETED" | "FAILED"): Payment {
    const rec = this.virtualAccountOf(orderId);
    const p = rec.payment;
    const va = p.virtualAccount!;
    if (va.refundStatus !== "PENDING") throw tossError("INVALID_STATE", `진행 중인 환불이 없습니다 (${va.refundStatus}).`);
    va.refundStatus = result;
    this.changed();
    this.webhooks.paymentStatusChanged(p);
    return p;
  }

  // ── the bank (control API) ─────────────────────────────────────────────────
  private virtualAccountOf(orderId: string): PaymentRecord {
    const rec = this.findByOrder(orderId);
    if (!rec) throw tossError("NOT_FOUND_PAYMENT");
    if (rec.payment.method !== "가상계좌" || !rec.payment.virtualAccount) {
      throw tossError("INVALID_STATE", "가상계좌 결제가 아닙니다.");
    }
    return rec;
  }

  deposit(orderId: string, opts: { amount?: number; depositorName?: string }): Payment {
    const rec = this.virtualAccountOf(orderId);
    const p = rec.payment;
    const va = p.virtualAccount!;
    if (p.status !== "WAITING_FOR_DEPOSIT") throw tossError("INVALID_STATE", `입금 대기 상태가 아닙니다 (${p.status}).`);
    if (va.expired) throw tossError("INVALID_STATE", "입금 기한이 지난 가상계좌입니다.");
    if (opts.amount !== undefined && opts.amount !== p.totalAmount) {
      throw tossError("INVALID_REQUEST", "입금액은 결제 금액과 정확히 같아야 합니다.");
    }
    const tx = ids.transactionKey();
    p.status = "DONE";
    p.approvedAt = kst(this.clock.now());
    p.lastTransactionKey = tx;
    p.transactionKey = tx;
    va.depositorName = opts.depositorName ?? (va.customerName || "입금자");
    this.issueCashReceipt(rec);
    this.index(rec);
    this.changed();
    this.webhooks.depositCallback(p);
    this.webhooks.paymentStatusChanged(p);
    return p;
  }

  depositError(orderId: string): Payment {
    const rec = this.virtualAccountOf(orderId);
    const p = rec.payment;
    if (p.status !== "DONE") throw tossError("INVALID_STATE", `입금 완료 상태가 아닙니다 (${p.status}).`);
    p.status = "WAITING_FOR_DEPOSIT";
    p.approvedAt = null;
    p.virtualAccount!.depositorName = null;
    const tx = ids.transactionKey();
    p.lastTransactionKey = tx;
    p.transactionKey = tx;
    this.index(rec);
    this.changed();
    this.webhooks.depositCallback(p);
    this.webhooks.paymentStatusChanged(p);
    return p;
  }

  cancelDeposit(orderId: string): Payment {
    const rec = this.virtualAccountOf(orderId);
    const p = rec.payment;
    if (p.status !== "WAITING_FOR_DEPOSIT") throw tossError("INVALID_STATE", `입금 대기 상태가 아닙니다 (${p.status}).`);
    this.applyCancel(rec, p.balanceAmount, "입금 전 취소", p.taxFreeAmount, 0);
    this.changed();
    this.webhooks.depositCallback(p);
    this.webhooks.paymentStatusChanged(p);
    return p;
  }

  expireVirtualAccount(orderId: string): Payment {
    const rec = this.virtualAccountOf(orderId);
    const p = rec.payment;
    if (p.status !== "WAITING_FOR_DEPOSIT") throw tossError("INVALID_STATE", `입금 대기 상태가 아닙니다 (${p.status}).`);
    const now = this.clock.now();
    rec.meta.vaDueAtMs = now;
    p.virtualAccount!.dueDate = kst(now);
    this.refresh(rec, now);
    return p;
  }

  /** Forces the 10-minute confirm window to end now. */
  expireSession(paymentKey: string): Payment {
    const rec = this.find(paymentKey);
    if (!rec) throw tossError("NOT_FOUND_PAYMENT");
    if (rec.payment.status !== "IN_PROGRESS") throw tossError("INVALID_STATE", `승인 대기 상태가 아닙니다 (${rec.payment.status}).`);
    rec.meta.sessionExpiresAtMs = this.clock.now();
    this.refresh(rec);
    return rec.payment;
  }

  banks() {
    return BANKS;
  }
}

/** The merchant's business number on the sandbox's cash receipts. */
const SANDBOX_BUSINESS_NUMBER = "1234567890";

/** A phone keeps its first 3 and last 4 digits, a business number its first 5 (the sandbox's masking; Toss's exact form is UNCONFIRMED). */
function maskIdentity(digits: string): string {
  if (digits.startsWith("01")) return `${digits.slice(0, 3)}${"*".repeat(digits.length - 7)}${digits.slice(-4)}`;
  return `${digits.slice(0, 5)}${"*".repeat(digits.length - 5)}`;
}

/** Where the payment window sends the browser after approval (existing query kept). */
export function successRedirect(successUrl: string, p: Payment): string {
  return appendQuery(successUrl, {
    paymentType: "NORMAL",
    orderId: p.orderId,
    paymentKey: p.paymentKey,
    amount: String(p.totalAmount),
  });
}

export function failRedirect(failUrl: string, code: string, message: string, orderId: string): string {
  return appendQuery(failUrl, { code, message, orderId });
}

export function invalid(error: z.ZodError): TossError {
  const issue = error.issues[0];
  const field = issue?.path.join(".") || "body";
  return tossError("INVALID_REQUEST", `잘못된 요청입니다. (${field}: ${issue?.message ?? "invalid"})`);
}
