import { existsSync } from "node:fs";
import { closeDatabase, describeDatabaseError } from "@/db/client";

/** A refusal a command explains itself: its message is printed as is, with exit code 2. */
export class UsageError extends Error {}

/**
 * The one way a command-line entry (npm run db:*, admin:create, db:seed-scale, sweep) runs: the
 * project's .env is read first, as `next dev` does, the command runs, the database is closed, and
 * the exit code says what happened — 0 done, the command's own number, 2 for a UsageError, 1 for
 * anything else with the database's own explanation when it was the database. Without the close a
 * PGlite data directory stays locked and a postgres.js pool keeps the process alive.
 */
export function runCommand(main: () => Promise<number | void>, explain: (error: unknown) => string | undefined = () => undefined): void {
  if (existsSync(".env")) process.loadEnvFile(".env");
  main()
    .then(async (code) => {
      await closeDatabase();
      process.exit(code ?? 0);
    })
    .catch(async (error: unknown) => {
      console.error(error instanceof UsageError ? error.message : (explain(error) ?? describeDatabaseError(error)));
      await closeDatabase().catch(() => {});
      process.exit(error instanceof UsageError ? 2 : 1);
    });
}
