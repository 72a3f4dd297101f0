import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";
import { connection } from "@/db/client";
import { env } from "@/lib/env";

/**
 * How much work of one kind a server process takes at once: `concurrency` run, up to `queue` more
 * wait their turn in arrival order, and none waits longer than `maxWaitMs`. Past that a caller is
 * turned away at once, which is cheaper for everyone than an answer after the sender gave up.
 */
export type AdmissionLimits = {
  concurrency: number;
  queue: number;
  maxWaitMs: number;
  /**
   * Past the concurrency, turn newcomers away instead of queueing them when the event loop runs
   * this late (the worst delay over the last half second): the process is behind on everything,
   * and work taken now would be answered late.
   */
  maxEventLoopDelayMs?: number;
};

export type Admission = { admitted: true; waitedMs: number; release: () => void } | { admitted: false; reason: "full" | "waited too long" | "event loop behind" };

let loopDelay: { histogram: IntervalHistogram; worstMs: number } | undefined;

/** The event loop's worst delay over the last completed half second, in ms (measured from the first call on). */
export function eventLoopDelayMs(): number {
  if (!loopDelay) {
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
    loopDelay = { histogram, worstMs: 0 };
    const state = loopDelay;
    setInterval(() => {
      state.worstMs = state.histogram.max / 1e6;
      state.histogram.reset();
    }, 500).unref();
  }
  // The half second under way counts too once it is already worse.
  return Math.max(loopDelay.worstMs, loopDelay.histogram.count > 0 ? loopDelay.histogram.max / 1e6 : 0);
}

type Waiter = { enqueuedAt: number; admit: () => void; timer: ReturnType<typeof setTimeout> };

export class AdmissionGate {
  private running = 0;
  private readonly waiting: Waiter[] = [];

  get inFlight(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** A place to run, or the refusal, without ever throwing. Call `release` once the work is done. */
  enter(limits: AdmissionLimits): Promise<Admission> {
    if (this.running < limits.concurrency && this.waiting.length === 0) return Promise.resolve(this.admitNow(0));
    // Only a caller that would have to wait: within the concurrency every caller runs, so the two
    // deliveries Toss sends for one deposit (the callback and the status change) are both taken
    // on a busy machine, and a burst past them is turned away while the thread is behind.
    if (limits.maxEventLoopDelayMs !== undefined && eventLoopDelayMs() > limits.maxEventLoopDelayMs) {
      return Promise.resolve({ admitted: false, reason: "event loop behind" });
    }
    if (this.waiting.length >= limits.queue || limits.maxWaitMs <= 0) return Promise.resolve({ admitted: false, reason: "full" });
    return new Promise((resolve) => {
      const waiter: Waiter = {
        enqueuedAt: performance.now(),
        admit: () => resolve(this.admitNow(performance.now() - waiter.enqueuedAt)),
        timer: setTimeout(() => {
          const at = this.waiting.indexOf(waiter);
          if (at >= 0) this.waiting.splice(at, 1);
          resolve({ admitted: false, reason: "waited too long" });
        }, limits.maxWaitMs),
      };
      this.waiting.push(waiter);
    });
  }

  private admitNow(waitedMs: number): Admission {
    this.running++;
    let released = false;
    return {
      admitted: true,
      waitedMs,
      release: () => {
        if (released) return;
        released = true;
        this.running--;
        const next = this.waiting.shift();
        if (next) {
          clearTimeout(next.timer);
          next.admit();
        }
      },
    };
  }
}

/**
 * Webhook deliveries one server process takes at once. On PostgreSQL the database works in its own
 * processes and a delivery mostly waits on it: WEBHOOK_MAX_IN_FLIGHT (32) run, the rest are turned
 * away at once. The embedded PGlite runs every statement on the server's one thread, the thread
 * that also accepts connections and answers the deliveries it turns away: with 32 deliveries
 * queued on it, a burst starved the event loop (a p99 of 33 s and connections refused). So on
 * PGlite two run, 16 may wait up to a quarter of a second, and while the event loop is more than
 * 50 ms behind (the database's statements or the machine keep it from answering) a newcomer past
 * the two running is turned away instead of waiting, leaving the thread time to answer the rest.
 * (At 200/s on two busy cores, 4 in flight and a 200 ms delay still let answers wait 11 s: the
 * wait that matters is in the socket backlog, ahead of any code of ours.)
 */
export function webhookAdmissionLimits(kind = connection().kind): AdmissionLimits {
  const configured = env().WEBHOOK_MAX_IN_FLIGHT;
  if (kind === "pglite") return { concurrency: configured ?? 2, queue: 16, maxWaitMs: 250, maxEventLoopDelayMs: 50 };
  return { concurrency: configured ?? 32, queue: 0, maxWaitMs: 0 };
}

/** Seconds a turned-away sender is asked to wait: Toss's own first retry comes a minute later. */
export const RETRY_AFTER_SECONDS = 60;
