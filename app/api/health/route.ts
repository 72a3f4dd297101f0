import { db } from "@/db/client";
import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

/** For a load balancer: 200 when the database is reachable and migrated, else 503. */
export async function GET(): Promise<Response> {
  const health = await checkHealth(db);
  return Response.json(health, { status: health.ok ? 200 : 503, headers: { "cache-control": "no-store" } });
}
