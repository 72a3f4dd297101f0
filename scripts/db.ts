// npm run db:migrate | db:seed | db:reset — the same code paths the app runs at start-up.
import { existsSync } from "node:fs";
import { sql } from "drizzle-orm";
import { closeDatabase, connection, describeDatabaseError, ensureMigrated } from "../db/client";
import { seedIfEmpty } from "../lib/seed";

if (existsSync(".env")) process.loadEnvFile(".env");

const command = process.argv[2];

async function main() {
  const conn = connection();
  if (command === "reset") {
    // Drops everything this app owns, including drizzle's migration journal, then rebuilds.
    await conn.db.execute(sql`DROP SCHEMA IF EXISTS public CASCADE`);
    await conn.db.execute(sql`DROP SCHEMA IF EXISTS drizzle CASCADE`);
    await conn.db.execute(sql`CREATE SCHEMA public`);
    console.log(`Reset ${conn.kind} database at ${conn.location}`);
  }
  await ensureMigrated();
  console.log(`Migrations applied (${conn.kind} at ${conn.location})`);
  if (command === "seed" || command === "reset") {
    const result = await seedIfEmpty(conn.db, {
      adminEmail: process.env.ADMIN_EMAIL,
      adminPassword: process.env.ADMIN_PASSWORD,
      production: process.env.NODE_ENV === "production",
      catalog: true,
    });
    console.log(`Seeded ${result.products} products`);
    if (result.generatedAdmin) {
      console.log(`Owner account for /admin: ${result.generatedAdmin.email} / ${result.generatedAdmin.password} (shown once)`);
    }
  }
}

if (!["migrate", "seed", "reset"].includes(command ?? "")) {
  console.error("usage: tsx scripts/db.ts migrate|seed|reset");
  process.exit(2);
}
main()
  .then(() => closeDatabase())
  .catch(async (error: unknown) => {
    console.error(describeDatabaseError(error));
    await closeDatabase().catch(() => {});
    process.exit(1);
  });
