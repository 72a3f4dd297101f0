/**
 * Korean bank codes (금융결제원 2-digit codes, as TossPayments uses them in `virtualAccount.bankCode`,
 * `transfer.bankCode` and refund accounts), with the names shoppers know.
 */
export const BANKS = {
  "02": "KDB산업은행",
  "03": "IBK기업은행",
  "06": "KB국민은행",
  "07": "Sh수협은행",
  "11": "NH농협은행",
  "12": "단위농협",
  "20": "우리은행",
  "23": "SC제일은행",
  "27": "씨티은행",
  "31": "iM뱅크(대구)",
  "32": "부산은행",
  "34": "광주은행",
  "35": "제주은행",
  "37": "전북은행",
  "39": "경남은행",
  "45": "새마을금고",
  "48": "신협",
  "50": "저축은행중앙회",
  "54": "홍콩상하이은행",
  "64": "산림조합",
  "71": "우체국예금보험",
  "81": "하나은행",
  "88": "신한은행",
  "89": "케이뱅크",
  "90": "카카오뱅크",
  "92": "토스뱅크",
} as const satisfies Record<string, string>;

export type BankCode = keyof typeof BANKS;

export function isBankCode(code: string): code is BankCode {
  return Object.hasOwn(BANKS, code);
}

/** The bank's name, or null for a code not in the table. */
export function bankName(code: string | null | undefined): string | null {
  return code != null && isBankCode(code) ? BANKS[code] : null;
}
