import type { Transaction } from "@/db/client";
import type { Order } from "@/db/schema";
import { settleOrderFromPayment } from "@/lib/orders/settle";
import { tossClient } from "@/lib/toss/client";
import { TossError, TossNotFoundError } from "@/lib/toss/errors";
import type { Payment } from "@/lib/toss/models";
import { WEBHOOK_ACTOR, type HandlerResult } from "./deliveries";
import { secretsMatch } from "./secret";

/** Leaves room inside Toss's 10 s for the lock wait and the database work around the read. */
const TOSS_READ_DEADLINE_MS = 5_000;

type Lookup = { by: "paymentKey"; paymentKey: string } | { by: "orderId"; expectSecret?: string };

/**
 * Reads the payment from Toss and applies what Toss says, with the order's row lock held by the
 * caller, so no /success, sweeper or other webhook can apply an older read over a newer one.
 */
export async function readAndSettle(tx: Transaction, order: Order, lookup: Lookup): Promise<HandlerResult> {
  let payment: Payment;
  try {
    payment =
      lookup.by === "paymentKey"
        ? await tossClient().getPayment(lookup.paymentKey, { deadlineMs: TOSS_READ_DEADLINE_MS })
        : await tossClient().getPaymentByOrderId(order.orderId, { deadlineMs: TOSS_READ_DEADLINE_MS });
  } catch (error) {
    if (error instanceof TossNotFoundError) return { outcome: "ignored", httpStatus: 200, detail: `Toss knows no such payment (${error.code})` };
    // Toss is unreachable or failing for now: answer non-200 so Toss delivers again later.
    if (error instanceof TossError) return { outcome: "retry", httpStatus: 503, detail: `could not read the payment from Toss: ${error.code}` };
    throw error;
  }
  if (lookup.by === "orderId" && lookup.expectSecret !== undefined && !(payment.secret && secretsMatch(payment.secret, lookup.expectSecret))) {
    return { outcome: "rejected", httpStatus: 403, detail: "secret mismatch (checked against Toss)" };
  }
  const result = await settleOrderFromPayment(tx, order, payment, WEBHOOK_ACTOR);
  const read = `Toss says ${payment.status}`;
  if (result.changed) return { outcome: "processed", httpStatus: 200, detail: `${read}: ${order.status} → ${result.order.status}` };
  switch (result.reason) {
    case "UNCHANGED":
      return { outcome: "duplicate", httpStatus: 200, detail: `${read}: order already ${order.status}` };
    case "STILL_PENDING":
      return { outcome: "ignored", httpStatus: 200, detail: `${read}: nothing to apply yet` };
    case "MISMATCH":
      return { outcome: "ignored", httpStatus: 200, detail: `${read}: payment does not belong to this order` };
    case "UNREACHABLE":
      return { outcome: "ignored", httpStatus: 200, detail: `${read}: cannot apply to a ${result.order.status} order (needs attention)` };
  }
}
