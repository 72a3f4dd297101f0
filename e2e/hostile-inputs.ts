/**
 * Values an abuser sends instead of what a form or Toss would: shared by the HTTP fuzz
 * (e2e/hostile-input.spec.ts) and the database-level one (lib/hostile-input.test.ts).
 */

const deepArray = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
const deepObject = (depth: number) => '{"a":'.repeat(depth) + "1" + "}".repeat(depth);

/** Text: what a query parameter, form field, header or path segment may carry. */
export const hostileStrings: readonly string[] = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "jt_\u0000abcdefgh",
  "\uD800",
  "\uDFFFabc",
  "abc\uD83D",
  "\uFFFE\uFFFF",
  "\u202Eevil\u202C",
  "\r\nSet-Cookie: x=1",
  "%00",
  "%E0%A4%A",
  "<script>alert(1)</script>",
  "'; drop table orders; --",
  "../../etc/passwd",
  "${7*7}{{7*7}}",
  "$K1",
  "$@0",
  "$$",
  "NaN",
  "Infinity",
  "-1",
  "0",
  "-0",
  "1.5",
  "1e309",
  "9007199254740993",
  "0x10",
  "１２",
  "null",
  "true",
  "[]",
  "{}",
  "🙂".repeat(50),
  "가".repeat(10_000),
  "x".repeat(1_000_000),
  deepArray(10_000),
  deepObject(10_000),
];

/** Server action arguments as React encodes them on the wire (JSON, with `$`-prefixed specials). */
export const hostileActionArguments: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  1e308,
  2 ** 53 + 1,
  "$NaN",
  "$Infinity",
  "$-Infinity",
  "$-0",
  "$undefined",
  "$n99999999999999999999999",
  "$D2020-01-01T00:00:00.000Z",
  [],
  {},
  { __proto__: { polluted: true } },
  { productId: 1, quantity: 1 },
  JSON.parse(deepArray(2_000)),
  ...hostileStrings.map((s) => (s.startsWith("$") ? `$${s}` : s)),
];

/** Whole request bodies, for the webhook and for actions. */
export const hostileBodies: readonly string[] = [
  ...hostileStrings,
  '{"eventType":"PAYMENT_STATUS_CHANGED","data":',
  '{"eventType":"\\u0000","data":{}}',
  '{"eventType":"DEPOSIT_CALLBACK","secret":"\\u0000","orderId":"\\ud800","status":"DONE"}',
  "\u0000{}",
  JSON.stringify({ eventType: ["PAYMENT_STATUS_CHANGED"], data: { paymentKey: 1, orderId: {}, status: null } }),
  JSON.stringify({ eventType: "PAYMENT_STATUS_CHANGED", createdAt: "2020-13-45", data: { paymentKey: "x".repeat(100_000) } }),
];

export const corpusSize = hostileStrings.length + hostileActionArguments.length + hostileBodies.length;
