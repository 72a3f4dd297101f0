import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { MIGRATIONS_FOLDER, rowsOf, type Executor } from "@/db/client";

export interface Health {
  ok: boolean;
  database: "up" | "down";
  /** Migrations this build ships, and how many of them the database has applied. */
  migrations: { expected: number; applied: number };
}

const DATABASE_TIMEOUT_MS = 2_000;

/** The newest migration this build ships, from drizzle-kit's journal. */
export function shippedMigrations(folder = MIGRATIONS_FOLDER): { count: number; newest: number } {
  const journal = JSON.parse(readFileSync(path.join(/*turbopackIgnore: true*/ folder, "meta", "_journal.json"), "utf8")) as {
    entries: { when: number }[];
  };
  return { count: journal.entries.length, newest: Math.max(0, ...journal.entries.map((e) => e.when)) };
}

/**
 * For a load balancer: healthy when the database answers within two seconds and has applied
 * every migration this build ships. Names no host, user or secret.
 */
export async function checkHealth(db: Executor, migrationsFolder = MIGRATIONS_FOLDER): Promise<Health> {
  const shipped = shippedMigrations(migrationsFolder);
  const down: Health = { ok: false, database: "down", migrations: { expected: shipped.count, applied: 0 } };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), DATABASE_TIMEOUT_MS);
  });
  try {
    const applied = await Promise.race([appliedMigrations(db), timeout]);
    if (!applied) return down;
    const ok = applied.count >= shipped.count && applied.newest >= shipped.newest;
    return { ok, database: "up", migrations: { expected: shipped.count, applied: applied.count } };
  } catch {
    return down;
  } finally {
    clearTimeout(timer);
  }
}

async function appliedMigrations(db: Executor): Promise<{ count: number; newest: number }> {
  const [journal] = rowsOf<{ present: boolean }>(await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`));
  if (!journal?.present) return { count: 0, newest: 0 };
  const [row] = rowsOf<{ count: number; newest: string | number | null }>(
    await db.execute(sql`select count(*)::int as count, max(created_at) as newest from drizzle.__drizzle_migrations`),
  );
  return { count: Number(row?.count ?? 0), newest: Number(row?.newest ?? 0) };
}
