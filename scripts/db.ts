// npm run db:migrate | db:seed | db:reset — the same code paths the app runs at start-up.
import { sql } from "drizzle-orm";
import { connection, ensureMigrated } from "../db/client";
import { runCommand, UsageError } from "../lib/cli";
import { seedIfEmpty } from "../lib/seed";

const command = process.argv[2];

async function main() {
  if (!["migrate", "seed", "reset"].includes(command ?? "")) throw new UsageError("usage: tsx scripts/db.ts migrate|seed|reset");
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

runCommand(main);
