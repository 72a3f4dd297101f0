import { env } from "@/lib/env";
import { db } from "@/db/client";
import { log } from "@/lib/log";
import { sweepOrders } from "./sweep";

const sweeperKey = Symbol.for("jangteo.sweeper");
type SweeperHolder = { timer?: NodeJS.Timeout; running?: boolean };

/**
 * Runs the sweeper every SWEEPER_INTERVAL_SECONDS inside this process (once per process, however
 * many bundles import this). 0 turns it off. The timer never keeps the process alive.
 */
export function startSweeper(): void {
  const seconds = env().SWEEPER_INTERVAL_SECONDS;
  if (seconds === 0) return;
  const holder: SweeperHolder = ((globalThis as Record<symbol, SweeperHolder>)[sweeperKey] ??= {});
  if (holder.timer) return;
  holder.timer = setInterval(() => {
    if (holder.running) return;
    holder.running = true;
    sweepOrders(db)
      .then((r) => {
        const changed = r.expiredPending + r.settledConfirming + r.expiredVirtualAccounts;
        if (changed > 0 || r.errors > 0) log.info({ sweep: r }, "sweeper round");
      })
      .catch((error: unknown) => log.error({ err: error }, "sweeper failed"))
      .finally(() => {
        holder.running = false;
      });
  }, seconds * 1000);
  holder.timer.unref();
}
