// `npm run sweep`: one sweep now, for cron or by hand. With embedded PGlite, stop the dev server
// first: one data directory must never be opened by two processes.
import { closeDatabase, describeDatabaseError, ensureMigrated } from "@/db/client";
import { sweepOrders } from "./sweep";

try {
  await ensureMigrated();
} catch (error) {
  console.error(`[jangteo] ${describeDatabaseError(error)}`);
  process.exit(1);
}
const report = await sweepOrders();
console.log(
  `[jangteo] sweep: ${report.expiredPending} pending expired, ${report.settledConfirming} settled from the provider, ` +
    `${report.expiredVirtualAccounts} virtual accounts expired, ${report.deferred} deferred, ${report.errors} errors`,
);
await closeDatabase();
process.exit(report.errors > 0 ? 1 : 0);
