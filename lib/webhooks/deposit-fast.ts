import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/client";
import type { DepositCallback } from "@/lib/toss/models";
import { CLOCK_SKEW_MS, webhookTime } from "./deposit";
import { SETTLED_OUTCOMES, WEBHOOK_ACTOR, type NewDelivery } from "./deliveries";

export type FastDepositResult = { applied: true; deliveryId: number } | { applied: false; deliveryId: number; alreadyHandled: boolean };

/**
 * The common case of a virtual-account deposit — the order is WAITING_FOR_DEPOSIT, its stored
 * secret matches, the callback is newer than the order's last change — in ONE statement: the
 * delivery is recorded, the order row locked and moved to PAID with its event, the payment
 * updated. It is the same transition applyDepositCallback makes through transitionOrder (a test
 * holds the two to the same result), written as one round trip because deposits arrive in bursts
 * and each round trip costs more here than the rest of the request.
 *
 * When any condition does not hold, nothing but the delivery row is written and the caller goes
 * on with the general path, which knows every other case.
 */
export async function applyDepositInOneStatement(db: Database, callback: DepositCallback, delivery: NewDelivery, startedAtMs: number): Promise<FastDepositResult> {
  const happenedAt = webhookTime(callback.createdAt);
  if (!happenedAt) throw new Error("applyDepositInOneStatement needs a readable createdAt");
  const now = new Date();
  const newerThan = new Date(happenedAt.getTime() - CLOCK_SKEW_MS).toISOString();
  const settled = sql.join(SETTLED_OUTCOMES.map((o) => sql`${o}`), sql`, `);
  const result = await db.execute(sql`
    with target as (
      select o.id, o.status, o.amount, o.status_changed_at, p.id as payment_id, p.payment_key, p.secret
      from orders o join payments p on p.order_id = o.id and p.payment_key = o.payment_key
      where o.order_id = ${callback.orderId}
      for update of o
    ), ok as (
      -- digests compared, not the secrets: equal-time in what matters (the secret itself)
      select * from target
      where status = 'WAITING_FOR_DEPOSIT' and secret is not null
        and sha256(convert_to(secret, 'UTF8')) = sha256(convert_to(${callback.secret}, 'UTF8'))
        and status_changed_at < ${newerThan}::timestamptz
    ), moved as (
      update orders set status = 'PAID', status_changed_at = ${now.toISOString()}::timestamptz, paid_at = ${happenedAt.toISOString()}::timestamptz, updated_at = ${now.toISOString()}::timestamptz
      from ok where orders.id = ok.id
      returning orders.id, ok.amount, ok.payment_id, ok.payment_key
    ), event as (
      insert into order_events (order_id, type, from_status, to_status, message, data, actor)
      select id, 'DEPOSIT_RECEIVED', 'WAITING_FOR_DEPOSIT', 'PAID',
        '가상계좌 입금 확인, ' || to_char(amount, 'FM999,999,999,990') || '원',
        jsonb_build_object('paymentKey', payment_key, 'tossStatus', ${callback.status}::text, 'transactionKey', ${callback.transactionKey}::text, 'createdAt', ${callback.createdAt}::text),
        ${WEBHOOK_ACTOR}
      from moved
    ), payment as (
      update payments set toss_status = ${callback.status}, approved_at = ${happenedAt.toISOString()}::timestamptz, updated_at = ${now.toISOString()}::timestamptz
      from moved where payments.id = moved.payment_id
    ), delivery as (
      insert into webhook_deliveries (transmission_id, retried_count, event_type, order_id, payment_key, headers, body, outcome, outcome_detail, http_status, processing_ms)
      select ${delivery.transmissionId}, ${delivery.retriedCount}::int, ${delivery.eventType}, ${delivery.orderId}, ${delivery.paymentKey},
        ${JSON.stringify(delivery.headers)}::jsonb, ${delivery.body},
        case when exists (select 1 from moved) then 'processed' else 'received' end,
        case when exists (select 1 from moved) then 'WAITING_FOR_DEPOSIT → PAID' end,
        case when exists (select 1 from moved) then 200 end,
        case when exists (select 1 from moved) then greatest(0, round(extract(epoch from clock_timestamp()) * 1000 - ${startedAtMs}::float8))::int end
      returning id, outcome
    )
    select delivery.id, delivery.outcome = 'processed' as applied,
      exists (select 1 from webhook_deliveries earlier where earlier.transmission_id = ${delivery.transmissionId} and earlier.outcome in (${settled})) as already_handled
    from delivery`);
  const [row] = rowsOf<{ id: number | string; applied: boolean; already_handled: boolean }>(result);
  if (!row) throw new Error("The deposit statement returned no delivery");
  const deliveryId = Number(row.id);
  return row.applied ? { applied: true, deliveryId } : { applied: false, deliveryId, alreadyHandled: row.already_handled === true };
}
