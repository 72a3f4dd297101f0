import { z } from "zod";

// Schemas built on this module also run in the browser (the checkout form checks on blur), where
// zod would probe for eval with Function("") and the store's CSP forbids eval. Set before any schema.
z.config({ jitless: true });

/**
 * The one rule for text from outside (query, form, action argument, webhook body, header):
 * bounded length and only what PostgreSQL can store. NUL (22021) and lone UTF-16 surrogates
 * (invalid UTF-8 once encoded, 22P05) would otherwise turn a bad request into a 500.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isStorableText(value: string): boolean {
  return !UNSTORABLE.test(value);
}

/**
 * A string of at most `max` characters that the database accepts; `message` is what a form
 * shows for either failure. Chain .trim(), .min(), .regex() … after it as usual.
 */
export function text(max: number, message = "사용할 수 없는 문자가 들어 있어요") {
  return z.string().max(max, message).refine(isStorableText, message);
}

/**
 * A failed parse as one message per field, the first issue of each: keyed by the field's dotted
 * path (`refundAccount.bank`), or `form` for an issue about the whole input.
 */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) errors[issue.path.join(".") || "form"] ??= issue.message;
  return errors;
}
