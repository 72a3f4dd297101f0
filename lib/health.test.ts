import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { db, MIGRATIONS_FOLDER, type Database } from "@/db/client";
import { checkHealth, shippedMigrations } from "./health";

describe("health", () => {
  it("is healthy on a reachable database with every shipped migration applied", async () => {
    const shipped = shippedMigrations();
    expect(shipped.count).toBeGreaterThan(0);
    expect(await checkHealth(db)).toEqual({ ok: true, database: "up", migrations: { expected: shipped.count, applied: shipped.count } });
  });

  it("is unhealthy while the build ships a migration the database has not applied", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "jangteo-migrations-"));
    try {
      const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8"));
      journal.entries.push({ idx: journal.entries.length, version: "7", when: Date.now(), tag: "9999_next", breakpoints: true });
      mkdirSync(path.join(folder, "meta"));
      writeFileSync(path.join(folder, "meta", "_journal.json"), JSON.stringify(journal));
      const health = await checkHealth(db, folder);
      expect(health).toMatchObject({ ok: false, database: "up", migrations: { expected: journal.entries.length, applied: journal.entries.length - 1 } });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("is unhealthy when the database cannot be reached, and names no host or user", async () => {
    const client = postgres("postgres://secret_user:secret_password@127.0.0.1:1/nowhere", { max: 1, connect_timeout: 1, onnotice: () => {} });
    try {
      const health = await checkHealth(drizzlePostgres(client) as unknown as Database);
      expect(health).toMatchObject({ ok: false, database: "down" });
      expect(JSON.stringify(health)).not.toMatch(/secret|127\.0\.0\.1|nowhere/);
    } finally {
      await client.end({ timeout: 1 });
    }
  });
});
