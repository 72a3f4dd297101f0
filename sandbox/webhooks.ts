import { WEBHOOK_RETRY_MINUTES } from "./choices";
import type { Delivery, Payment } from "./types";
import { Clock, ids, kst, kstMicros } from "./util";

interface Deps {
  clock: Clock;
  webhookUrl: () => string | null;
  timeoutMs: () => number;
  /** State changed: persist. */
  changed: () => void;
  /** Something is due at this sandbox time: wake the scheduler. */
  due: (atMs: number) => void;
}

/**
 * Webhook deliveries: POST JSON, success only on HTTP 200 within the timeout, retries on Toss's
 * schedule (in sandbox minutes, so a time scale compresses it), manual redelivery.
 */
export class Webhooks {
  readonly deliveries = new Map<string, Delivery>();
  /** Deliveries waiting for a scheduled attempt (kept apart so the scheduler never scans them all). */
  private scheduled = new Set<Delivery>();
  private inFlight = new Map<string, AbortController>();
  private closed = false;

  constructor(private deps: Deps) {}

  load(list: Delivery[]) {
    for (const d of list) {
      // An attempt that was running when the process stopped is simply due again.
      if (d.status === "PENDING" && d.nextAttemptAtMs === null) d.nextAttemptAtMs = d.createdAtMs;
      this.deliveries.set(d.id, d);
      if (d.status === "PENDING") this.scheduled.add(d);
    }
  }

  reset() {
    for (const c of this.inFlight.values()) c.abort();
    this.inFlight.clear();
    this.deliveries.clear();
    this.scheduled.clear();
  }

  paymentStatusChanged(payment: Payment) {
    const now = this.deps.clock.now();
    this.enqueue("PAYMENT_STATUS_CHANGED", payment, {
      eventType: "PAYMENT_STATUS_CHANGED",
      createdAt: kstMicros(now),
      data: structuredClone(payment),
    });
  }

  depositCallback(payment: Payment) {
    const now = this.deps.clock.now();
    this.enqueue("DEPOSIT_CALLBACK", payment, {
      createdAt: kstMicros(now),
      secret: payment.secret,
      status: payment.status,
      transactionKey: payment.lastTransactionKey,
      orderId: payment.orderId,
    });
  }

  private enqueue(eventType: Delivery["eventType"], payment: Payment, body: unknown) {
    const now = this.deps.clock.now();
    const url = this.deps.webhookUrl();
    const d: Delivery = {
      id: ids.webhook(),
      eventType,
      url,
      body,
      paymentKey: payment.paymentKey,
      orderId: payment.orderId,
      paymentStatus: payment.status,
      createdAt: kst(now),
      createdAtMs: now,
      status: url ? "PENDING" : "NO_ENDPOINT",
      nextAttemptAtMs: url ? now : null,
      nextAttemptAt: url ? kst(now) : null,
      attempts: [],
    };
    this.deliveries.set(d.id, d);
    this.deps.changed();
    if (url) void this.attempt(d, false);
  }

  earliestDue(): number | null {
    let min: number | null = null;
    for (const d of this.scheduled) {
      if (d.status === "PENDING" && d.nextAttemptAtMs !== null && !this.inFlight.has(d.id)) {
        if (min === null || d.nextAttemptAtMs < min) min = d.nextAttemptAtMs;
      }
    }
    return min;
  }

  runDue(now: number) {
    for (const d of this.scheduled) {
      if (d.status === "PENDING" && d.nextAttemptAtMs !== null && d.nextAttemptAtMs <= now && !this.inFlight.has(d.id)) {
        void this.attempt(d, false);
      }
    }
  }

  /** "다시 시도": cancels the pending schedule and sends one fresh attempt. */
  async redeliver(id: string): Promise<Delivery | undefined> {
    const d = this.deliveries.get(id);
    if (!d) return undefined;
    this.inFlight.get(d.id)?.abort();
    if (!d.url) d.url = this.deps.webhookUrl();
    if (!d.url) return d;
    await this.attempt(d, true);
    return d;
  }

  close() {
    this.closed = true;
    for (const c of this.inFlight.values()) c.abort();
  }

  private async attempt(d: Delivery, manual: boolean) {
    if (!d.url || this.closed) return;
    const controller = new AbortController();
    this.inFlight.set(d.id, controller);
    this.scheduled.delete(d);
    d.nextAttemptAtMs = null;
    d.nextAttemptAt = null;
    const startedAt = this.deps.clock.now();
    const startedReal = Date.now();
    const retriedCount = d.attempts.length;
    let statusCode: number | null = null;
    let error: string | null = null;
    const timeout = AbortSignal.timeout(this.deps.timeoutMs());
    try {
      const res = await fetch(d.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "tosspayments-webhook-transmission-time": kst(startedAt),
          "tosspayments-webhook-transmission-retried-count": String(retriedCount),
          "tosspayments-webhook-transmission-id": d.id,
        },
        body: JSON.stringify(d.body),
        redirect: "manual",
        signal: AbortSignal.any([controller.signal, timeout]),
      });
      statusCode = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (e) {
      if (controller.signal.aborted) {
        // Shut down, reset or superseded by a redelivery: not an attempt.
        if (this.inFlight.get(d.id) === controller) this.inFlight.delete(d.id);
        if (this.closed && d.status === "PENDING") d.nextAttemptAtMs = startedAt;
        if (d.status === "PENDING" && d.nextAttemptAtMs !== null) this.scheduled.add(d);
        return;
      }
      error = timeout.aborted ? `timeout after ${this.deps.timeoutMs()} ms` : errorText(e);
    }
    if (this.inFlight.get(d.id) === controller) this.inFlight.delete(d.id);
    if (!this.deliveries.has(d.id)) return; // reset meanwhile
    d.attempts.push({
      number: d.attempts.length + 1,
      retriedCount,
      at: kst(startedAt),
      atMs: startedAt,
      statusCode,
      error,
      durationMs: Date.now() - startedReal,
      manual,
    });
    if (statusCode === 200) {
      d.status = "SUCCEEDED";
    } else if (manual) {
      d.status = "FAILED";
    } else {
      const retriesSoFar = d.attempts.filter((a) => !a.manual).length - 1;
      const waitMinutes = WEBHOOK_RETRY_MINUTES[retriesSoFar];
      if (waitMinutes === undefined) {
        d.status = "FAILED";
      } else {
        d.status = "PENDING";
        d.nextAttemptAtMs = this.deps.clock.now() + waitMinutes * 60_000;
        d.nextAttemptAt = kst(d.nextAttemptAtMs);
        this.scheduled.add(d);
        this.deps.due(d.nextAttemptAtMs);
      }
    }
    this.deps.changed();
  }
}

function errorText(e: unknown): string {
  if (e instanceof Error) {
    const cause = (e as Error & { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? e.message;
  }
  return String(e);
}
