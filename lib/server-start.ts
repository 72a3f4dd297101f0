import { connection, describeDatabaseError, ensureMigrated, type Database } from "@/db/client";
import { seedIfEmpty, type SeedResult } from "@/lib/seed";
import { ConfigError, env, type Env } from "./env";
import { log } from "./log";
import { startSweeper } from "./orders/sweeper";
import { readBuildFacts, severalServersProblem } from "./several-servers";

/**
 * Runs once when a Next.js server process starts (instrumentation.ts): configuration, migrations,
 * the seed. Any failure stops start-up with one line that names the problem.
 */
export async function startServer(): Promise<void> {
  let config: Env;
  try {
    config = env();
  } catch (error) {
    fail(error instanceof ConfigError ? error.message : String(error));
  }
  const severalServers = severalServersProblem(process.env, readBuildFacts());
  if (severalServers) fail(severalServers);
  try {
    await ensureMigrated();
    const { db, kind } = connection();
    const seeded = await seedOnStart(db, config, kind);
    if (seeded.products > 0) log.info({ products: seeded.products }, "seeded the demo catalog into the empty embedded database");
    if (seeded.generatedAdmin) {
      log.info(
        `owner account for /admin: ${seeded.generatedAdmin.email} / ${seeded.generatedAdmin.password} (shown once; set ADMIN_EMAIL and ADMIN_PASSWORD to choose your own)`,
      );
    }
  } catch (error) {
    fail(describeDatabaseError(error));
  }
  startSweeper();
  log.info(
    { database: connection().kind, sharedCache: process.env.REDIS_URL ? "redis" : "this process", sweeperIntervalSeconds: config.SWEEPER_INTERVAL_SECONDS },
    "server started",
  );
}

/**
 * What a starting server seeds: the owner account, and the demo catalog only for `npm run dev`
 * on the embedded database. A production server never invents products; `npm run db:seed` does
 * that on request.
 */
export function seedOnStart(db: Database, config: Pick<Env, "NODE_ENV" | "ADMIN_EMAIL" | "ADMIN_PASSWORD">, kind: "pglite" | "postgres"): Promise<SeedResult> {
  return seedIfEmpty(db, {
    adminEmail: config.ADMIN_EMAIL,
    adminPassword: config.ADMIN_PASSWORD,
    production: config.NODE_ENV === "production",
    catalog: config.NODE_ENV === "development" && kind === "pglite",
  });
}

function fail(line: string): never {
  log.fatal(line);
  process.exit(1);
}
