import { and, eq, gt, lt, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { rateLimitHits } from "@/db/schema";

/**
 * Counting limits kept in the database, so that they hold across server processes: sign-in
 * lockout, unpaid orders per client address, guest order lookup. A hit is one row; a limit is
 * "at most `limit` hits of (bucket, key) within the last `windowSeconds`".
 */
export interface RateLimit {
  bucket: string;
  key: string;
  limit: number;
  windowSeconds: number;
}

export interface RateLimitResult {
  allowed: boolean;
  /** Hits in the window, this one included. */
  count: number;
  /** When refused: seconds until the oldest counted hit leaves the window. */
  retryAfterSeconds: number;
}

/**
 * Records one hit and says whether it fits the limit. The insert and the count are separate
 * statements outside any transaction: two racing callers each count the other's committed hit,
 * so together they can never pass more than `limit` (at the edge both may be refused).
 */
export async function takeRateLimit(db: Executor, rule: RateLimit): Promise<RateLimitResult> {
  await recordHit(db, rule.bucket, rule.key);
  return checkRateLimit(db, rule, 0);
}

/**
 * Says whether `extra` more hits would still fit, without recording one: for limits that count
 * only failures (sign-in), checked before the attempt.
 */
export async function checkRateLimit(db: Executor, rule: RateLimit, extra = 1): Promise<RateLimitResult> {
  const since = new Date(Date.now() - rule.windowSeconds * 1000);
  const [row] = await db
    .select({ count: sql<number>`count(*)::int`, oldest: sql<Date | string | null>`min(${rateLimitHits.createdAt})` })
    .from(rateLimitHits)
    .where(and(eq(rateLimitHits.bucket, rule.bucket), eq(rateLimitHits.key, rule.key), gt(rateLimitHits.createdAt, since)));
  const count = row?.count ?? 0;
  const allowed = count + extra <= rule.limit;
  const oldest = row?.oldest ? new Date(row.oldest).getTime() : Date.now();
  const retryAfterSeconds = allowed ? 0 : Math.max(1, Math.ceil((oldest + rule.windowSeconds * 1000 - Date.now()) / 1000));
  return { allowed, count: count + extra, retryAfterSeconds };
}

export async function recordHit(db: Executor, bucket: string, key: string): Promise<void> {
  await db.insert(rateLimitHits).values({ bucket, key });
}

/** Forgets every hit of (bucket, key): a successful sign-in clears its failures. */
export async function clearHits(db: Executor, bucket: string, key: string): Promise<void> {
  await db.delete(rateLimitHits).where(and(eq(rateLimitHits.bucket, bucket), eq(rateLimitHits.key, key)));
}

/** Deletes hits older than every window in use; the sweeper calls it. */
export async function pruneRateLimitHits(db: Executor, olderThanSeconds: number): Promise<number> {
  const before = new Date(Date.now() - olderThanSeconds * 1000);
  const deleted = await db.delete(rateLimitHits).where(lt(rateLimitHits.createdAt, before)).returning({ id: rateLimitHits.id });
  return deleted.length;
}
