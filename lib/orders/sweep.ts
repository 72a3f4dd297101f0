import type { Database } from "@/db/client";
import { env } from "@/lib/env";
import { sweepFulfillment } from "@/lib/fulfillment/shipping";
import { settlePendingRefunds } from "./refund-recovery";
import { settleConfirming } from "./sweeps/confirming";
import { pruneOldRecords } from "./sweeps/housekeeping";
import type { SweepOptions, SweepReport } from "./sweeps/options";
import { expirePending } from "./sweeps/pending";
import { expireVirtualAccounts } from "./sweeps/virtual-accounts";

export type { SweepOptions, SweepReport };

/**
 * docs/architecture.md, money path. Every row is taken with FOR UPDATE SKIP LOCKED, so any number of
 * instances may sweep at once. Rows that need the provider are leased (updated_at bumped) in a
 * short transaction, read with no transaction open, then settled under the row lock.
 */
export async function sweepOrders(database: Database, options: SweepOptions = {}): Promise<SweepReport> {
  const now = options.now ?? new Date();
  const report: SweepReport = {
    expiredPending: 0,
    settledConfirming: 0,
    expiredVirtualAccounts: 0,
    deferred: 0,
    errors: 0,
    pruned: { webhookDeliveries: 0, carts: 0, rateLimitHits: 0 },
    fulfillment: { delivered: 0, confirmed: 0 },
  };
  report.expiredPending = await expirePending(database, now, options);
  await settleConfirming(database, now, options, report);
  await expireVirtualAccounts(database, now, options, report);
  await settlePendingRefunds(database, { provider: options.provider, now });
  report.fulfillment = await sweepFulfillment(database, { deliveredAfterDays: env().DELIVERED_AFTER_DAYS, confirmAfterDays: env().PURCHASE_CONFIRM_AFTER_DAYS, now });
  report.pruned = await pruneOldRecords(database, options.retentionDays ?? env().RETENTION_DAYS);
  return report;
}
