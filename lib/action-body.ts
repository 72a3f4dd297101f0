/**
 * Whether a server action's text body is something React's decodeReply can decode. Next.js
 * answers 500 when it cannot (not JSON, or a reference to a part a text body does not carry), so
 * proxy.ts answers 400 first. A text body has no parts: the only `$` values it may hold are
 * escapes and the constants React writes inline.
 */
const INLINE_VALUE = /^\$(?:\$.*|NaN|Infinity|-Infinity|-0|undefined|n-?\d+|D.*)?$/s;

export function isDecodableTextActionBody(body: string): boolean {
  let root: unknown;
  try {
    root = JSON.parse(body);
  } catch {
    return false;
  }
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === "string") {
      if (value.startsWith("$") && !INLINE_VALUE.test(value)) return false;
    } else if (Array.isArray(value)) {
      pending.push(...value);
    } else if (value && typeof value === "object") {
      pending.push(...Object.values(value));
    }
  }
  return true;
}
