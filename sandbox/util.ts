import { randomBytes } from "node:crypto";

const KST_OFFSET_MS = 9 * 60 * 60 * 1000; // Korea has no daylight saving time

/** `yyyy-MM-dd'T'HH:mm:ss+09:00` — the timestamp format of Payment objects. */
export function kst(ms: number): string {
  return new Date(ms + KST_OFFSET_MS).toISOString().slice(0, 19) + "+09:00";
}

/** `yyyy-MM-dd'T'HH:mm:ss.SSSSSS` without offset — webhook `createdAt`. */
export function kstMicros(ms: number): string {
  return new Date(ms + KST_OFFSET_MS).toISOString().slice(0, 23) + "000";
}

/** `yyyyMMddHHmmss` in KST, for identifiers. */
export function kstCompact(ms: number): string {
  return new Date(ms + KST_OFFSET_MS).toISOString().slice(0, 19).replace(/[-T:]/g, "");
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

export function randomString(length: number, alphabet = ALNUM): string {
  const bytes = randomBytes(length);
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[bytes[i]! % alphabet.length];
  return out;
}

export const ids = {
  /** `tgen_` + yyyyMMddHHmmss + 5 alnum, like docs-key widget payments. */
  paymentKey: (ms: number) => `tgen_${kstCompact(ms)}${randomString(5)}`,
  transactionKey: () => `txrd_${randomString(27, LOWER_ALNUM)}`,
  secret: () => `ps_${randomString(27)}`,
  webhook: () => `whtrans_${randomString(27, LOWER_ALNUM)}`,
  accountNumber: () => randomString(14, "0123456789"),
  cashReceiptKey: () => `cr_${randomString(27)}`,
  cashReceiptIssueNumber: () => randomString(9, "0123456789"),
};

/**
 * The sandbox's clock: real time, sped up by `scale` and moved forward by `advance`. Timers are
 * computed in sandbox time and converted to real delays by dividing by the scale.
 */
export class Clock {
  private baseReal = Date.now();
  private baseSandbox = Date.now();
  constructor(private scale = 1) {}

  now(): number {
    return this.baseSandbox + (Date.now() - this.baseReal) * this.scale;
  }
  advance(ms: number): void {
    this.baseSandbox += ms;
  }
  /** Continue from a saved time if it is ahead of the real one (clock never goes backwards). */
  resume(savedNow: number): void {
    if (savedNow > this.now()) this.rebase(savedNow);
  }
  get timeScale(): number {
    return this.scale;
  }
  setScale(scale: number): void {
    this.rebase(this.now());
    this.scale = scale;
  }
  reset(): void {
    this.baseReal = Date.now();
    this.baseSandbox = Date.now();
  }
  realDelay(sandboxMs: number): number {
    return Math.max(0, sandboxMs / this.scale);
  }
  private rebase(sandboxNow: number) {
    this.baseReal = Date.now();
    this.baseSandbox = sandboxNow;
  }
}

export function formatWon(amount: number): string {
  return `${new Intl.NumberFormat("ko-KR").format(amount)}원`;
}

export function escapeHtml(value: unknown): string {
  return String(value)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Appends query parameters to a URL without re-encoding the query it already has. */
export function appendQuery(url: string, params: Record<string, string>): string {
  const hashAt = url.indexOf("#");
  const base = hashAt >= 0 ? url.slice(0, hashAt) : url;
  const hash = hashAt >= 0 ? url.slice(hashAt) : "";
  const query = new URLSearchParams(params).toString();
  const sep = base.includes("?") ? (base.endsWith("?") || base.endsWith("&") ? "" : "&") : "?";
  return `${base}${sep}${query}${hash}`;
}

/** Korean bank codes (two digits) and names; `virtualAccount` marks banks that issue accounts. */
export const BANKS: { code: string; name: string; virtualAccount: boolean }[] = [
  { code: "39", name: "경남은행", virtualAccount: true },
  { code: "34", name: "광주은행", virtualAccount: true },
  { code: "12", name: "단위농협", virtualAccount: false },
  { code: "32", name: "부산은행", virtualAccount: true },
  { code: "45", name: "새마을금고", virtualAccount: false },
  { code: "64", name: "산림조합", virtualAccount: false },
  { code: "88", name: "신한은행", virtualAccount: true },
  { code: "48", name: "신협", virtualAccount: true },
  { code: "27", name: "씨티은행", virtualAccount: false },
  { code: "20", name: "우리은행", virtualAccount: true },
  { code: "71", name: "우체국", virtualAccount: true },
  { code: "50", name: "저축은행", virtualAccount: false },
  { code: "37", name: "전북은행", virtualAccount: true },
  { code: "35", name: "제주은행", virtualAccount: false },
  { code: "90", name: "카카오뱅크", virtualAccount: false },
  { code: "89", name: "케이뱅크", virtualAccount: false },
  { code: "92", name: "토스뱅크", virtualAccount: false },
  { code: "81", name: "하나은행", virtualAccount: true },
  { code: "03", name: "기업은행", virtualAccount: true },
  { code: "06", name: "국민은행", virtualAccount: true },
  { code: "31", name: "대구은행", virtualAccount: true },
  { code: "02", name: "산업은행", virtualAccount: false },
  { code: "11", name: "농협은행", virtualAccount: true },
  { code: "23", name: "SC제일은행", virtualAccount: true },
  { code: "07", name: "수협은행", virtualAccount: true },
];
export const DEFAULT_BANK_CODE = "88";

export function bankCodeOf(value: string): string | undefined {
  return BANKS.find((b) => b.code === value || b.name === value || b.name.replace(/은행$/, "") === value)?.code;
}
