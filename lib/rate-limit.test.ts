import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { connection, db } from "@/db/client";
import { rateLimitHits } from "@/db/schema";
import { checkRateLimit, clearHits, pruneRateLimitHits, recordHit, takeRateLimit } from "./rate-limit";

const fresh = () => ({ bucket: "test", key: randomBytes(6).toString("hex"), limit: 3, windowSeconds: 60 });

describe("rate limits in the database", () => {
  it("passes `limit` hits in the window and refuses the next, saying when to come back", async () => {
    const rule = fresh();
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await takeRateLimit(db, rule));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results[3]!.retryAfterSeconds).toBeGreaterThan(0);
    expect(results[3]!.retryAfterSeconds).toBeLessThanOrEqual(60);
    // Another key is counted on its own.
    expect((await takeRateLimit(db, { ...rule, key: `${rule.key}-other` })).allowed).toBe(true);
  });

  it("checks failures without recording them, and forgets them when cleared", async () => {
    const rule = fresh();
    for (let i = 0; i < 2; i++) await recordHit(db, rule.bucket, rule.key);
    expect((await checkRateLimit(db, rule)).allowed).toBe(true);
    await recordHit(db, rule.bucket, rule.key);
    expect((await checkRateLimit(db, rule)).allowed).toBe(false);
    await clearHits(db, rule.bucket, rule.key);
    expect((await checkRateLimit(db, rule)).allowed).toBe(true);
  });

  it("counts only hits inside the window, and the sweeper prunes the old ones", async () => {
    const rule = fresh();
    const old = new Date(Date.now() - 120_000);
    await db.insert(rateLimitHits).values([1, 2, 3].map(() => ({ bucket: rule.bucket, key: rule.key, createdAt: old })));
    expect((await takeRateLimit(db, rule)).allowed).toBe(true);
    expect(await pruneRateLimitHits(db, 90)).toBeGreaterThanOrEqual(3);
    expect((await checkRateLimit(db, rule, 0)).count).toBe(1);
  });

  // PGlite runs one statement at a time, so only a server can race.
  it.skipIf(connection().kind !== "postgres")("never lets racing callers past the limit (PostgreSQL, 20 rounds of 10)", async () => {
    for (let round = 0; round < 20; round++) {
      const rule = fresh();
      const results = await Promise.all(Array.from({ length: 10 }, () => takeRateLimit(db, rule)));
      expect(results.filter((r) => r.allowed).length).toBeLessThanOrEqual(rule.limit);
    }
  });
});
