import { lt } from "drizzle-orm";
import type { Database } from "@/db/client";
import { carts, webhookDeliveries } from "@/db/schema";
import { pruneRateLimitHits } from "@/lib/rate-limit";
import type { SweepReport } from "./options";

/**
 * Keeps storage bounded: webhook deliveries and carts untouched for the retention period go (an
 * order keeps its own copy of what was bought), rate-limit hits after a day (the longest window).
 */
export async function pruneOldRecords(database: Database, retentionDays: number): Promise<SweepReport["pruned"]> {
  const before = new Date(Date.now() - retentionDays * 24 * 3_600_000);
  const prunedDeliveries = await database.delete(webhookDeliveries).where(lt(webhookDeliveries.receivedAt, before)).returning({ id: webhookDeliveries.id });
  const prunedCarts = await database.delete(carts).where(lt(carts.updatedAt, before)).returning({ id: carts.id });
  const rateLimitHits = await pruneRateLimitHits(database, 24 * 3_600);
  return { webhookDeliveries: prunedDeliveries.length, carts: prunedCarts.length, rateLimitHits };
}
