// `npm run sweep`: one sweep now, for cron or by hand. With embedded PGlite, stop the dev server
// first: one data directory must never be opened by two processes.
import { db, ensureMigrated } from "@/db/client";
import { runCommand } from "@/lib/cli";
import { sweepOrders } from "./sweep";

runCommand(async () => {
  await ensureMigrated();
  const report = await sweepOrders(db);
  console.log(
    `[jangteo] sweep: ${report.expiredPending} pending expired, ${report.settledConfirming} settled from the provider, ` +
      `${report.expiredVirtualAccounts} virtual accounts expired, ${report.deferred} deferred, ${report.errors} errors`,
  );
  return report.errors > 0 ? 1 : 0;
});
