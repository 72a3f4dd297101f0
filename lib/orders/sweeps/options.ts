import type { FulfillmentSweep } from "@/lib/fulfillment/shipping";
import type { PaymentProvider } from "@/lib/payments";

/** Who the sweeps name on an order's timeline. */
export const SWEEP_ACTOR = "sweeper";

export type SweepOptions = {
  provider?: PaymentProvider;
  /** The sweeper's idea of now (tests move it forward). Default: the real time. */
  now?: Date;
  /** PENDING orders older than this expire. Default PENDING_ORDER_TTL_MINUTES (30). */
  pendingTtlMinutes?: number;
  /** CONFIRMING orders untouched for this long are settled from the provider. Default 60 s. */
  confirmingAfterMs?: number;
  /** Rows taken per batch. Default 50. */
  batchSize?: number;
  /** Deadline of each provider call the sweeper makes. Default 10 s. */
  providerDeadlineMs?: number;
  /** Webhook deliveries and abandoned carts older than this are deleted. Default RETENTION_DAYS (90). */
  retentionDays?: number;
};

export type SweepReport = {
  expiredPending: number;
  settledConfirming: number;
  expiredVirtualAccounts: number;
  /** Rows looked at but left as they were (provider unreachable, still in progress, …). */
  deferred: number;
  errors: number;
  pruned: { webhookDeliveries: number; carts: number; rateLimitHits: number };
  /** Parcels counted delivered after DELIVERED_AFTER_DAYS, orders confirmed after PURCHASE_CONFIRM_AFTER_DAYS. */
  fulfillment: FulfillmentSweep;
};
