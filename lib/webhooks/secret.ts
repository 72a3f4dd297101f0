import { createHash, timingSafeEqual } from "node:crypto";

/** Equal-time comparison of a webhook's secret with the known one (hashing first hides the length too). */
export function secretsMatch(expected: string, given: string): boolean {
  const a = createHash("sha256").update(expected, "utf8").digest();
  const b = createHash("sha256").update(given, "utf8").digest();
  return timingSafeEqual(a, b);
}
