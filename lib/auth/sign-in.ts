import type { Executor } from "@/db/client";
import { checkRateLimit, clearHits, recordHit, type RateLimit } from "@/lib/rate-limit";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "./password";
import { findUserByEmail, normalizeEmail, setPasswordHash, type AdminUser } from "./users";

export const SIGNIN_WINDOW_SECONDS = 15 * 60;
export const SIGNIN_LOCK_SECONDS = 15 * 60;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 20;

const FAILURES = { email: "signin:fail:email", ip: "signin:fail:ip" } as const;
const LOCKS = { email: "signin:lock:email", ip: "signin:lock:ip" } as const;

export type SignInResult = { ok: true; user: AdminUser & { sessionVersion: number } } | { ok: false; reason: "invalid" } | { ok: false; reason: "locked"; retryAfterSeconds: number };

/** A lock is one row; while any lock row of the key is younger than the lock time, sign-in is refused. */
function lockRule(bucket: string, key: string): RateLimit {
  return { bucket, key, limit: 0, windowSeconds: SIGNIN_LOCK_SECONDS };
}

async function lockedFor(db: Executor, email: string, ip: string): Promise<number> {
  const [byEmail, byIp] = await Promise.all([checkRateLimit(db, lockRule(LOCKS.email, email), 0), checkRateLimit(db, lockRule(LOCKS.ip, ip), 0)]);
  return Math.max(byEmail.retryAfterSeconds, byIp.retryAfterSeconds);
}

async function countFailure(db: Executor, email: string, ip: string): Promise<void> {
  await Promise.all([recordHit(db, FAILURES.email, email), recordHit(db, FAILURES.ip, ip)]);
  const window = { limit: 0, windowSeconds: SIGNIN_WINDOW_SECONDS };
  const [byEmail, byIp] = await Promise.all([
    checkRateLimit(db, { ...window, bucket: FAILURES.email, key: email }, 0),
    checkRateLimit(db, { ...window, bucket: FAILURES.ip, key: ip }, 0),
  ]);
  // The failure that reaches the limit starts a lock of its own length; its hits are then spent.
  if (byEmail.count >= MAX_FAILURES_PER_EMAIL) {
    await recordHit(db, LOCKS.email, email);
    await clearHits(db, FAILURES.email, email);
  }
  if (byIp.count >= MAX_FAILURES_PER_IP) {
    await recordHit(db, LOCKS.ip, ip);
    await clearHits(db, FAILURES.ip, ip);
  }
}

/**
 * Checks an email and password for the admin. Unknown emails, wrong passwords and disabled
 * accounts all answer "invalid" after the same work, so the answer never tells which was wrong;
 * 5 failures for one email or 20 from one address lock sign-in for 15 minutes, in the database.
 */
export async function authenticate(db: Executor, input: { email: string; password: string; ip: string }): Promise<SignInResult> {
  const email = normalizeEmail(input.email);
  const retryAfterSeconds = await lockedFor(db, email, input.ip);
  if (retryAfterSeconds > 0) return { ok: false, reason: "locked", retryAfterSeconds };

  const user = await findUserByEmail(db, email);
  const check = user ? await verifyPassword(user.passwordHash, input.password) : (await verifyAgainstDummy(input.password), { ok: false as const });
  if (!user || !check.ok || user.disabled) {
    await countFailure(db, email, input.ip);
    const lockedNow = await lockedFor(db, email, input.ip);
    return lockedNow > 0 ? { ok: false, reason: "locked", retryAfterSeconds: lockedNow } : { ok: false, reason: "invalid" };
  }
  await clearHits(db, FAILURES.email, email);
  if (check.needsRehash) await setPasswordHash(db, user.id, await hashPassword(input.password).catch(() => user.passwordHash));
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion } };
}
