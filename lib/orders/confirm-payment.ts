import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { orders, type Order } from "@/db/schema";
import type { PaymentFailure, PaymentProvider, PaymentSnapshot } from "@/lib/payments";

/** What a confirm came to: the payment as the provider now shows it, a final no, or no answer yet. */
export type ConfirmAttempt =
  | { kind: "payment"; payment: PaymentSnapshot }
  | { kind: "refused"; failure: PaymentFailure; round: number; idempotencyKey: string }
  | { kind: "unknown"; failure: PaymentFailure | null; error: unknown; round?: number; idempotencyKey?: string };

/**
 * The Idempotency-Key of a confirm round, derived from the order: a retry in the same round
 * replays the provider's first answer instead of running again. Round 1 is `confirm-<orderId>`.
 */
export function confirmIdempotencyKey(orderId: string, round = 1): string {
  return round <= 1 ? `confirm-${orderId}` : `confirm-${orderId}-${round}`;
}

/** The order's next confirm round (orders.confirm_round), taken in its own statement. */
async function takeRound(db: Database, orderDbId: number): Promise<number> {
  const [row] = await db
    .update(orders)
    .set({ confirmRound: sql`${orders.confirmRound} + 1` })
    .where(eq(orders.id, orderDbId))
    .returning({ round: orders.confirmRound });
  if (!row) throw new Error(`Order ${orderDbId} disappeared during its confirm`);
  return row.round;
}

/**
 * The one confirm of an order's payment, for the amount stored on the order: /success and the
 * sweeper call it, outside any transaction. Each round takes a new number from the order
 * (orders.confirm_round) and confirms under its own key. The provider replays an answered error
 * for a key, so a next round (up to `rounds`) is tried only after such an error and only once a
 * read shows the payment still waiting for its confirm: a confirm of a processed payment can
 * only be told "already done", never charge twice. "Already done" and "missing" are settled by
 * the provider's own record of the payment.
 */
export async function confirmPayment(
  db: Database,
  provider: PaymentProvider,
  order: Pick<Order, "id" | "orderId" | "amount">,
  reference: string,
  options: { rounds: number; deadlineMs?: number },
): Promise<ConfirmAttempt> {
  const call = options.deadlineMs !== undefined ? { deadlineMs: options.deadlineMs } : {};
  const body = { reference, orderId: order.orderId, amount: order.amount };
  for (let attempt = 1; ; attempt++) {
    const round = await takeRound(db, order.id);
    const idempotencyKey = confirmIdempotencyKey(order.orderId, round);
    try {
      return { kind: "payment", payment: await provider.confirm(body, { idempotencyKey, ...call }) };
    } catch (error) {
      const failure = provider.classifyError(error);
      if (!failure) throw error;
      if (failure.kind === "already-done" || failure.kind === "missing") return read(provider, reference, call);
      if (failure.kind === "refused") return { kind: "refused", failure, round, idempotencyKey };
      // No answer, or "still processing": the call may yet go through under this key.
      if (attempt >= options.rounds || !failure.newKeyMayHelp) return { kind: "unknown", failure, error, round, idempotencyKey };
      const now = await read(provider, reference, call);
      if (now.kind !== "payment" || now.payment.outcome !== "PENDING") return now;
    }
  }
}

async function read(provider: PaymentProvider, reference: string, call: { deadlineMs?: number }): Promise<ConfirmAttempt> {
  try {
    return { kind: "payment", payment: await provider.read(reference, call) };
  } catch (error) {
    return { kind: "unknown", failure: provider.classifyError(error), error };
  }
}
