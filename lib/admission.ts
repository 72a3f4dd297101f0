import { connection } from "@/db/client";
import { env } from "@/lib/env";

/**
 * How much work of one kind a server process takes at once: `concurrency` run, up to `queue` more
 * wait their turn in arrival order, and none waits longer than `maxWaitMs`. Past that a caller is
 * turned away at once, which is cheaper for everyone than an answer after the sender gave up.
 */
export type AdmissionLimits = { concurrency: number; queue: number; maxWaitMs: number };

export type Admission = { admitted: true; waitedMs: number; release: () => void } | { admitted: false; reason: "full" | "waited too long" };

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
 * PGlite a few run, a short queue absorbs the unevenness of arrivals, and a delivery not started
 * within a quarter of a second is turned away, leaving the thread time to do so at once.
 */
export function webhookAdmissionLimits(kind = connection().kind): AdmissionLimits {
  const configured = env().WEBHOOK_MAX_IN_FLIGHT;
  if (kind === "pglite") return { concurrency: configured ?? 4, queue: 32, maxWaitMs: 250 };
  return { concurrency: configured ?? 32, queue: 0, maxWaitMs: 0 };
}

/** Seconds a turned-away sender is asked to wait: Toss's own first retry comes a minute later. */
export const RETRY_AFTER_SECONDS = 60;
