// What the store keeps of a provider's text (webhook bodies, payment objects): storable in
// PostgreSQL, with every secret replaced, since a payment's secret authenticates its deposits.

const LONE_OR_NUL = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const SECRET_FIELD = /("secret"\s*:\s*)"(?:[^"\\]|\\.)*"/g;
export const REDACTED = "[redacted]";

/** A body as it may be stored: NUL and lone surrogates replaced, every `secret` value replaced by a marker. */
export function storableBody(body: string): string {
  return body.replace(LONE_OR_NUL, "\uFFFD").replace(SECRET_FIELD, `$1"${REDACTED}"`);
}
