import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema";
import { postgresErrorCode } from "./errors";
import { DatabaseConfigError, databaseSettings } from "./settings";

/**
 * One type for both drivers: the rest of the code cannot tell PGlite from PostgreSQL.
 * (The query builders are the same; only the session classes differ.)
 */
export type Database = PostgresJsDatabase<typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Anything that runs queries: the database or an open transaction. */
export type Executor = Database | Transaction;

// Work that must wait until a transaction's writes are visible to every other connection (for
// example expiring cached pages, whose next render reads the database), keyed by the transaction.
// On globalThis, like the connection below: the bundle that opened the transaction may not be
// the one whose code calls afterCommit.
const commitCallbacksKey = Symbol.for("jangteo.db.commitCallbacks");
const commitCallbacks: WeakMap<Transaction, Array<() => void>> = ((globalThis as Record<symbol, WeakMap<Transaction, Array<() => void>>>)[commitCallbacksKey] ??= new WeakMap());

/**
 * Runs `callback` once `tx` has committed, and never if it rolls back: a page re-rendered any
 * earlier could read (and cache) the rows as they were before this transaction.
 */
export function afterCommit(tx: Transaction, callback: () => void): void {
  const callbacks = commitCallbacks.get(tx);
  if (!callbacks) throw new Error("afterCommit needs a transaction opened by the database of db/client (not a nested one)");
  callbacks.push(callback);
}

/** Gives `database.transaction` the commit hook that afterCommit uses. */
function withCommitCallbacks(database: Database): Database {
  const transaction = database.transaction.bind(database);
  database.transaction = (async (run, config) => {
    const callbacks: Array<() => void> = [];
    const result = await transaction((tx) => {
      commitCallbacks.set(tx, callbacks);
      return run(tx);
    }, config);
    for (const callback of callbacks) {
      // The transaction has committed: its caller must hear of that, not of a failed follow-up.
      // (db/ does not import the store's logger; the work registered so far catches its own errors.)
      try {
        callback();
      } catch (error) {
        console.error("[jangteo] after-commit work failed:", error);
      }
    }
    return result;
  }) as Database["transaction"];
  return database;
}

interface Connection {
  db: Database;
  kind: "pglite" | "postgres";
  /** Where the data lives, for messages: a directory or a URL without its password. */
  location: string;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");
export const DEFAULT_PGLITE_DIR = path.join(process.cwd(), ".data", "pglite");

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable URL)";
  }
}

function connect(): Connection {
  const settings = databaseSettings();
  const url = settings.DATABASE_URL;
  if (url) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new DatabaseConfigError(`DATABASE_URL is not a valid URL (expected postgres://user:pass@host:5432/db)`);
    }
    if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") {
      throw new DatabaseConfigError(`DATABASE_URL must start with postgres:// or postgresql://, got ${parsed.protocol}//`);
    }
    const client = postgres(url, {
      max: settings.DATABASE_POOL_SIZE,
      connect_timeout: 5,
      onnotice: () => {},
    });
    const db = withCommitCallbacks(drizzlePostgres(client, { schema }));
    return {
      db,
      kind: "postgres",
      location: redact(url),
      migrate: () => migratePostgres(db, { migrationsFolder: MIGRATIONS_FOLDER }),
      close: () => client.end({ timeout: 5 }),
    };
  }
  const dir = settings.PGLITE_DIR ?? DEFAULT_PGLITE_DIR;
  const inMemory = dir.startsWith("memory://");
  // PGlite creates only the last segment of its data path.
  const resolved = inMemory ? "memory://" : path.resolve(/*turbopackIgnore: true*/ dir);
  if (!inMemory) mkdirSync(path.dirname(/*turbopackIgnore: true*/ resolved), { recursive: true });
  // Tests start each in-memory database from one migrated snapshot (lib/testing/global-setup.ts)
  // instead of running initdb and every migration again, which costs seconds per test file.
  const template = inMemory ? settings.PGLITE_TEMPLATE : undefined;
  const client = template
    ? new PGlite({ loadDataDir: new Blob([readFileSync(/*turbopackIgnore: true*/ template)]) })
    : new PGlite(inMemory ? undefined : resolved);
  const db = drizzlePglite(client, { schema });
  return {
    db: withCommitCallbacks(db as unknown as Database),
    kind: "pglite",
    location: resolved,
    migrate: () => migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER }),
    close: () => client.close(),
  };
}

// One connection per process, kept on globalThis so that dev hot reload, the instrumentation
// bundle and the route bundles share it: PGlite must never open one directory twice.
const globalKey = Symbol.for("jangteo.db");
type Holder = { connection?: Connection; ready?: Promise<void> };
const holder: Holder = ((globalThis as Record<symbol, Holder>)[globalKey] ??= {});

export function connection(): Connection {
  return (holder.connection ??= connect());
}

/** The database. Queries made before migrations finish simply wait for them. */
export const db: Database = new Proxy({} as Database, {
  get(_target, prop) {
    const real = connection().db as unknown as Record<string | symbol, unknown>;
    const value = real[prop];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(real) : value;
  },
});

/** Applies pending migrations once per process. */
export function ensureMigrated(): Promise<void> {
  return (holder.ready ??= connection()
    .migrate()
    .catch((error: unknown) => {
      holder.ready = undefined;
      throw error;
    }));
}

export async function closeDatabase(): Promise<void> {
  const conn = holder.connection;
  holder.connection = undefined;
  holder.ready = undefined;
  if (conn) await conn.close();
}

/** One line that names the problem, for start-up failures (no stack trace). */
export function describeDatabaseError(error: unknown): string {
  const conn = holder.connection;
  const where = conn ? `${conn.kind} at ${conn.location}` : "the database";
  if (error instanceof DatabaseConfigError) return error.message;
  const e = error as { message?: string; cause?: { message?: string } };
  const code = postgresErrorCode(error);
  const message = e?.cause?.message ?? e?.message ?? String(error);
  switch (code) {
    case "ECONNREFUSED":
      return `Cannot reach ${where}: connection refused. Is the server running?`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `Cannot reach ${where}: unknown host.`;
    case "CONNECT_TIMEOUT":
    case "ETIMEDOUT":
      return `Cannot reach ${where}: connection timed out.`;
    case "3D000":
      return `Cannot use ${where}: the database does not exist (${message}).`;
    case "28P01":
    case "28000":
      return `Cannot use ${where}: authentication failed (${message}).`;
    default:
      return `Cannot use ${where}: ${message.split("\n")[0]}`;
  }
}

/** Rows of a raw `execute`: postgres.js answers an array, PGlite an object holding `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];
}
