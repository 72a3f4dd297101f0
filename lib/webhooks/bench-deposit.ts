// DEPOSIT_CALLBACK latency at a fixed rate, open loop (TOOLCHAIN.md "Measuring performance here"),
// through the store's one deposit path: secret check, a Toss read, settle under the row lock.
//
//   SANDBOX_PORT=4211 SANDBOX_WEBHOOK_URL=http://127.0.0.1:9/none npm run sandbox &
//   DATABASE_URL=… SANDBOX_PORT=4211 npx next start -p 3111 &
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/jangteo_bench \
//     npx tsx --conditions=react-server lib/webhooks/bench-deposit.ts --url http://localhost:3111 --sandbox http://127.0.0.1:4211 --rate 200 --seconds 30
//
// DATABASE_URL must be the (migrated) database of the running `next start`, and --sandbox the Toss
// sandbox that server talks to. For every request the script makes a real virtual-account payment
// in the sandbox (authorized, confirmed, deposited) and stores its order WAITING_FOR_DEPOSIT with
// the payment's secret, then sends each order's DEPOSIT_CALLBACK at evenly spaced intended times.
// Every request moves a distinct order WAITING_FOR_DEPOSIT → PAID after the server read the payment
// from the sandbox: the real work, not a replay. Latency is measured from the intended send time,
// so a stall shows up in the requests queued behind it. A warm-up of a few seconds at the same
// rate, on its own orders, runs first and is not counted.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { and, count, eq, like } from "drizzle-orm";
import { closeDatabase, db } from "@/db/client";
import { orders, payments } from "@/db/schema";
import { SANDBOX_SECRET_KEY } from "@/lib/env";
import { basicAuthHeader } from "@/lib/toss/client";

const { values } = parseArgs({
  options: {
    url: { type: "string", default: "http://localhost:3111" },
    sandbox: { type: "string", default: "http://127.0.0.1:4211" },
    rate: { type: "string", default: "200" },
    seconds: { type: "string", default: "30" },
    warmup: { type: "string", default: "5" },
  },
});
const endpoint = `${values.url!.replace(/\/+$/, "")}/api/webhooks/toss`;
const sandboxUrl = values.sandbox!.replace(/\/+$/, "");
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const warmupSeconds = Number(values.warmup);
if (!process.env.DATABASE_URL) throw new Error("Set DATABASE_URL to the PostgreSQL database of the running server");

type Target = { orderId: string; secret: string };
type SandboxPayment = { paymentKey: string; secret: string; orderId: string };

async function sandboxCall<T>(method: "POST" | "GET", path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(`${sandboxUrl}${path}`, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`sandbox ${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** A virtual-account payment in the sandbox: authorized, confirmed (secret issued), then deposited. */
async function depositedPayment(orderId: string): Promise<SandboxPayment> {
  const { paymentKey } = await sandboxCall<{ paymentKey: string }>("POST", "/__sandbox/payments/authorize", {
    orderId,
    orderName: "벤치마크 주문",
    amount: 15_000,
    method: "가상계좌",
    bankCode: "88",
    successUrl: "http://localhost/success",
  });
  const confirmed = await sandboxCall<{ secret: string }>("POST", "/v1/payments/confirm", { paymentKey, orderId, amount: 15_000 }, {
    Authorization: basicAuthHeader(SANDBOX_SECRET_KEY),
    "Idempotency-Key": `bench-${orderId}`,
  });
  await sandboxCall("POST", `/__sandbox/virtual-accounts/${orderId}/deposit`, {});
  return { paymentKey, secret: confirmed.secret, orderId };
}

async function createOrders(n: number, tag: string): Promise<Target[]> {
  const targets: Target[] = [];
  const hourAgo = new Date(Date.now() - 3_600_000);
  const due = new Date(Date.now() + 7 * 24 * 3_600_000);
  for (let start = 0; start < n; start += 200) {
    const ids = Array.from({ length: Math.min(200, n - start) }, (_, i) => `bench_${tag}_${start + i}_${randomBytes(6).toString("hex")}`);
    const batch: SandboxPayment[] = [];
    // A few at a time: the sandbox is one process, and setup is not what is measured.
    for (let i = 0; i < ids.length; i += 20) batch.push(...(await Promise.all(ids.slice(i, i + 20).map(depositedPayment))));
    const rows = await db
      .insert(orders)
      .values(
        batch.map((b) => ({
          orderId: b.orderId,
          orderName: "벤치마크 주문",
          status: "WAITING_FOR_DEPOSIT" as const,
          amount: 15_000,
          customerName: "김벤치",
          customerEmail: "bench@example.com",
          customerPhone: "01012345678",
          postcode: "06236",
          address: "서울특별시 강남구 테헤란로 131",
          customerKey: `bench_${randomBytes(8).toString("hex")}`,
          paymentKey: b.paymentKey,
          statusChangedAt: hourAgo,
        })),
      )
      .returning({ id: orders.id, orderId: orders.orderId });
    const idOf = new Map(rows.map((r) => [r.orderId, r.id]));
    await db.insert(payments).values(
      batch.map((b) => ({
        orderId: idOf.get(b.orderId)!,
        paymentKey: b.paymentKey,
        method: "가상계좌",
        tossStatus: "WAITING_FOR_DEPOSIT",
        totalAmount: 15_000,
        balanceAmount: 15_000,
        virtualAccountBankCode: "88",
        virtualAccountNumber: "11012345678901",
        virtualAccountDueDate: due,
        secret: b.secret,
        raw: {},
      })),
    );
    targets.push(...batch.map((b) => ({ orderId: b.orderId, secret: b.secret })));
  }
  return targets;
}

/** Toss's webhook time: Korean local time, no offset, 6-digit fraction. */
function kstNow(): string {
  return new Date(Date.now() + 9 * 3_600_000).toISOString().replace("Z", "000");
}

type Sample = { latencyMs: number; ok: boolean; detail?: string };

async function send(target: Target, intendedAt: number, i: number): Promise<Sample> {
  try {
    const res = await fetch(endpoint, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "tosspayments-webhook-transmission-id": `whtrans_bench_${i}_${target.orderId}`,
        "tosspayments-webhook-transmission-retried-count": "0",
      },
      body: JSON.stringify({ createdAt: kstNow(), secret: target.secret, status: "DONE", transactionKey: randomBytes(16).toString("hex").toUpperCase(), orderId: target.orderId }),
    });
    const body = (await res.json()) as { outcome?: string };
    const latencyMs = performance.now() - intendedAt;
    const ok = res.status === 200 && body.outcome === "processed";
    return { latencyMs, ok, detail: ok ? undefined : `${res.status} ${JSON.stringify(body)}` };
  } catch (error) {
    return { latencyMs: performance.now() - intendedAt, ok: false, detail: String(error) };
  }
}

/** Sends targets[i] at start + i / rate, never waiting for answers (open loop). */
async function run(targets: Target[]): Promise<{ samples: Sample[]; lateStarts: number; wallMs: number }> {
  const interval = 1000 / rate;
  const inFlight: Promise<Sample>[] = [];
  const start = performance.now() + 50;
  let lateStarts = 0;
  for (let i = 0; i < targets.length; i++) {
    const intendedAt = start + i * interval;
    const wait = intendedAt - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait - 0.5));
    while (performance.now() < intendedAt) {
      // the last half millisecond: spin, so sends are evenly spaced rather than timer-quantised
    }
    if (performance.now() - intendedAt > 2) lateStarts++;
    inFlight.push(send(targets[i]!, intendedAt, i));
  }
  const samples = await Promise.all(inFlight);
  return { samples, lateStarts, wallMs: performance.now() - start };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const total = Math.round(rate * seconds);
const warmupCount = Math.round(rate * warmupSeconds);
console.log(`creating ${warmupCount} + ${total} virtual-account orders …`);
const warm = await createOrders(warmupCount, "warm");
const measured = await createOrders(total, "run");

console.log(`warm-up: ${warmupSeconds} s at ${rate}/s`);
await run(warm);
console.log(`measuring: ${seconds} s at ${rate}/s, evenly spaced, open loop → ${endpoint}`);
const { samples, lateStarts, wallMs } = await run(measured);

const latencies = samples.map((s) => s.latencyMs).sort((a, b) => a - b);
const errors = samples.filter((s) => !s.ok);
const fmt = (n: number) => n.toFixed(1).padStart(7);
console.log(`requests ${samples.length} in ${(wallMs / 1000).toFixed(1)} s (sends more than 2 ms late: ${lateStarts})`);
console.log(`latency ms  p50 ${fmt(percentile(latencies, 50))}  p95 ${fmt(percentile(latencies, 95))}  p99 ${fmt(percentile(latencies, 99))}  max ${fmt(latencies.at(-1)!)}`);
console.log(`errors ${errors.length}${errors.length ? ` (first: ${errors[0]!.detail})` : ""}`);

const [paid] = await db
  .select({ n: count() })
  .from(orders)
  .where(and(like(orders.orderId, "bench\\_%"), eq(orders.status, "PAID")));
console.log(`bench orders PAID in the database: ${paid!.n} (expected ${total + warmupCount})`);
await closeDatabase();
