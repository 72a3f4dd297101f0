import { describeDatabaseError, ensureMigrated, db } from "@/db/client";
import { seedIfEmpty } from "@/db/seed";
import { ConfigError, env } from "./env";
import { startSweeper } from "./orders/sweep";

/**
 * Runs once when a Next.js server process starts (instrumentation.ts): configuration, migrations,
 * the demo seed. Any failure stops start-up with one line that names the problem.
 */
export async function startServer(): Promise<void> {
  let config: ReturnType<typeof env>;
  try {
    config = env();
  } catch (error) {
    fail(error instanceof ConfigError ? error.message : String(error));
  }
  try {
    await ensureMigrated();
    const seeded = await seedIfEmpty(db, {
      adminEmail: config.ADMIN_EMAIL,
      adminPassword: config.ADMIN_PASSWORD,
      production: config.NODE_ENV === "production",
    });
    if (seeded.products > 0) console.log(`[jangteo] seeded ${seeded.products} demo products`);
    if (seeded.generatedAdmin) {
      console.log(
        `[jangteo] owner account for /admin: ${seeded.generatedAdmin.email} / ${seeded.generatedAdmin.password} (shown once; set ADMIN_EMAIL and ADMIN_PASSWORD to choose your own)`,
      );
    }
  } catch (error) {
    fail(describeDatabaseError(error));
  }
  startSweeper();
}

function fail(line: string): never {
  console.error(`[jangteo] ${line}`);
  process.exit(1);
}
