import { randomBytes } from "node:crypto";
import postgres from "postgres";

/**
 * Points this process at a database of its own, before anything opens one: a new database on
 * the server DATABASE_URL names (dropped by `drop`), or an in-memory PGlite when none is set.
 * For tests and benchmarks; `name` fixes the database name, else a random one is made.
 */
export async function openScratchDatabase(prefix: string, name?: string): Promise<{ drop(): Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL?.trim();
  if (!serverUrl) {
    process.env.PGLITE_DIR = "memory://";
    return { drop: async () => {} };
  }
  const database = name ?? `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE "${database}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  process.env.DATABASE_URL = url.toString();
  return {
    drop: async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.end();
    },
  };
}
