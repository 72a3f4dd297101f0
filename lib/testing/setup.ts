import { randomBytes } from "node:crypto";
import { afterAll } from "vitest";
import postgres from "postgres";

// Runs before each test file, in that file's own module graph: point it at a fresh database
// before any module reads the configuration, then migrate it.
const serverUrl = process.env.DATABASE_URL?.trim();
let dropDatabase: (() => Promise<void>) | undefined;

if (serverUrl) {
  const name = `jangteo_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  dropDatabase = async () => {
    await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  };
} else {
  process.env.PGLITE_DIR = "memory://";
}

const { ensureMigrated, closeDatabase } = await import("@/db/client");
await ensureMigrated();

afterAll(async () => {
  await closeDatabase();
  await dropDatabase?.();
});
