const krw = new Intl.NumberFormat("ko-KR");

/** The one money formatter: integer KRW as Korean shoppers read it, e.g. 12,000원. */
export function formatKRW(amount: number): string {
  return `${krw.format(amount)}원`;
}
