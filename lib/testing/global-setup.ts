import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { MIGRATIONS_FOLDER } from "@/db/client";

// Once per test run, on PGlite: migrate one in-memory database and keep a snapshot of it, so
// every test file's fresh database loads in under a second instead of migrating from scratch.
export default async function globalSetup() {
  if (process.env.DATABASE_URL?.trim()) return;
  const dir = mkdtempSync(path.join(tmpdir(), "jangteo-pglite-"));
  const template = new PGlite();
  await migrate(drizzle(template), { migrationsFolder: MIGRATIONS_FOLDER });
  const snapshot = await template.dumpDataDir("gzip");
  await template.close();
  const file = path.join(dir, "migrated.tar.gz");
  writeFileSync(file, Buffer.from(await snapshot.arrayBuffer()));
  process.env.PGLITE_TEMPLATE = file;
  return () => rmSync(dir, { recursive: true, force: true });
}
