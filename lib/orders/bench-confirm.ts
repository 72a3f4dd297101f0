// How long /success spends outside the Toss call: runs N confirmations against an in-process
// sandbox on a fresh database and subtracts the timed Toss calls from each.
//   npx tsx --conditions=react-server lib/orders/bench-confirm.ts [N]
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx --conditions=react-server lib/orders/bench-confirm.ts [N]
// Prints figures only; nothing here is a test.
import { performance } from "node:perf_hooks";
import { openScratchDatabase } from "@/db/scratch";

const runs = Number(process.argv[2] ?? 200);
const scratch = await openScratchDatabase("jangteo_bench");

const { closeDatabase, connection, ensureMigrated } = await import("@/db/client");
const { createPendingOrder } = await import("@/lib/testing/factories");
const { startTestSandbox } = await import("@/lib/testing/sandbox");
const { confirmOrderPayment } = await import("./confirm");
type TossClient = import("@/lib/toss/client").TossClient;

await ensureMigrated();
const sandbox = await startTestSandbox();

let tossMs = 0;
const timed = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
  async (...args: A): Promise<R> => {
    const start = performance.now();
    try {
      return await fn(...args);
    } finally {
      tossMs += performance.now() - start;
    }
  };
const inner: TossClient = sandbox.client;
const toss: TossClient = {
  confirmPayment: timed(inner.confirmPayment),
  getPayment: timed(inner.getPayment),
  getPaymentByOrderId: timed(inner.getPaymentByOrderId),
  cancelPayment: timed(inner.cancelPayment),
};

const totals: number[] = [];
const outside: number[] = [];
const tossTimes: number[] = [];
for (let i = 0; i < runs + 20; i++) {
  const { order } = await createPendingOrder({ stock: 1_000 });
  const { paymentKey } = await sandbox.authorize({ orderId: order.orderId, amount: order.amount });
  tossMs = 0;
  const start = performance.now();
  const result = await confirmOrderPayment({ paymentKey, orderId: order.orderId, amount: order.amount, paymentType: "NORMAL" }, { toss });
  const total = performance.now() - start;
  if (result.kind !== "order") throw new Error(`unexpected result ${JSON.stringify(result)}`);
  if (i < 20) continue; // warm-up: JIT, connection pool, first queries
  totals.push(total);
  tossTimes.push(tossMs);
  outside.push(total - tossMs);
}

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const row = (label: string, v: number[]) =>
  `${label.padEnd(22)} p50 ${pct(v, 50).toFixed(2).padStart(7)} ms   p95 ${pct(v, 95).toFixed(2).padStart(7)} ms   p99 ${pct(v, 99).toFixed(2).padStart(7)} ms`;
console.log(`confirmOrderPayment × ${runs} (sequential, after 20 warm-up runs) on ${connection().kind}, sandbox in process`);
console.log(row("total", totals));
console.log(row("Toss confirm call", tossTimes));
console.log(row("outside the Toss call", outside));

await sandbox.close();
await closeDatabase();
await scratch.drop();
