/**
 * The client's address for per-address limits: the first hop of X-Forwarded-For, which Next's
 * server and any proxy in front of it set. Behind no proxy a client could forge it, which only
 * moves it to another address bucket: the per-email lock still holds.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip")?.trim() || "unknown";
}
