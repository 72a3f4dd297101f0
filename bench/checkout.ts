// Checkout figures measured in process, on a scratch database of the kind the bench runs on
// (in-memory PGlite, or a new PostgreSQL database with DATABASE_URL) and an in-process sandbox:
//   1. placeOrder latency with N shoppers placing orders at once;
//   2. the time /success spends outside the Toss confirm call (timed Toss calls subtracted);
//   3. 200 shoppers at once for a product with stock 50: orders placed, confirmed, paid.
// Run by bench/run.ts in a process of its own (the scratch database is per process):
//   npx tsx --conditions=react-server bench/checkout.ts [--quick]
// It prints one JSON line. Figures only; nothing here is a test.
import { performance } from "node:perf_hooks";
import { openScratchDatabase } from "@/db/scratch";
import { percentile, round } from "./stats";

const quick = process.argv.includes("--quick");
const scratch = await openScratchDatabase("jangteo_bench");

const { closeDatabase, connection, db, ensureMigrated } = await import("@/db/client");
const { eq, and, count } = await import("drizzle-orm");
const { orderItems, orders } = await import("@/db/schema");
const { createCart, createPendingOrder, createProduct, validCheckoutForm } = await import("@/lib/testing/factories");
const { startTestSandbox } = await import("@/lib/testing/sandbox");
const { confirmOrderPayment } = await import("@/lib/orders/confirm");
const { placeOrder } = await import("@/lib/orders/place-order");
type PaymentProvider = import("@/lib/payments").PaymentProvider;

await ensureMigrated();
const sandbox = await startTestSandbox();

async function placeOrderLatency(shoppers: number, rounds: number) {
  const product = await createProduct({ price: 15_000, stock: 1_000_000 });
  const samples: number[] = [];
  for (let round = 0; round < rounds + 1; round++) {
    const carts = await Promise.all(Array.from({ length: shoppers }, () => createCart([{ productId: product.id, quantity: 1 }])));
    const times = await Promise.all(
      carts.map(async (cartId) => {
        const start = performance.now();
        const result = await placeOrder(db, cartId, validCheckoutForm);
        if (!result.ok) throw new Error(`placeOrder refused: ${result.message}`);
        return performance.now() - start;
      }),
    );
    if (round > 0) samples.push(...times); // the first round warms the pool and the JIT
  }
  return { shoppers, orders: samples.length, p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)), p99: round(percentile(samples, 99)) };
}

async function successOverhead(runs: number) {
  let tossMs = 0;
  const timed =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const start = performance.now();
      try {
        return await fn(...args);
      } finally {
        tossMs += performance.now() - start;
      }
    };
  const inner: PaymentProvider = sandbox.provider;
  const provider: PaymentProvider = {
    ...inner,
    confirm: timed(inner.confirm),
    read: timed(inner.read),
    readByOrder: timed(inner.readByOrder),
    cancel: timed(inner.cancel),
  };
  const outside: number[] = [];
  const tossTimes: number[] = [];
  for (let i = 0; i < runs + 20; i++) {
    const { order } = await createPendingOrder({ stock: 1_000 });
    const { paymentKey } = await sandbox.authorize({ orderId: order.orderId, amount: order.amount });
    tossMs = 0;
    const start = performance.now();
    const result = await confirmOrderPayment(db, { paymentKey, orderId: order.orderId, amount: order.amount, paymentType: "NORMAL" }, { provider });
    const total = performance.now() - start;
    if (result.kind !== "order") throw new Error(`unexpected result ${JSON.stringify(result)}`);
    if (i < 20) continue; // warm-up: JIT, connection pool, first queries
    tossTimes.push(tossMs);
    outside.push(total - tossMs);
  }
  return { runs, p50: round(percentile(outside, 50), 2), p95: round(percentile(outside, 95), 2), p99: round(percentile(outside, 99), 2), tossP50: round(percentile(tossTimes, 50), 2) };
}

async function lastUnitsRace(shoppers: number, stock: number) {
  const product = await createProduct({ price: 15_000, stock });
  const carts = await Promise.all(Array.from({ length: shoppers }, () => createCart([{ productId: product.id, quantity: 1 }])));
  let start = performance.now();
  const placed = await Promise.all(carts.map((cartId) => placeOrder(db, cartId, validCheckoutForm)));
  const accepted = placed.flatMap((r) => (r.ok ? [r.order] : []));
  let wallMs = performance.now() - start;
  // The shoppers approving the payment window: their time, not the store's.
  const approved = [];
  for (const order of accepted) approved.push({ order, ...(await sandbox.authorize({ orderId: order.orderId, amount: order.amount })) });
  start = performance.now();
  await Promise.all(
    approved.map(({ order, paymentKey }) =>
      confirmOrderPayment(db, { paymentKey, orderId: order.orderId, amount: order.amount, paymentType: "NORMAL" }, { provider: sandbox.provider }),
    ),
  );
  wallMs += performance.now() - start;
  const [paid] = await db
    .select({ n: count() })
    .from(orders)
    .innerJoin(orderItems, eq(orderItems.orderId, orders.id))
    .where(and(eq(orderItems.productId, product.id), eq(orders.status, "PAID")));
  return { shoppers, stock, placed: accepted.length, paid: paid!.n, wallMs: round(wallMs, 0) };
}

const result = {
  database: connection().kind,
  placeOrder: await placeOrderLatency(50, quick ? 2 : 6),
  successOverhead: await successOverhead(quick ? 50 : 200),
  race: await lastUnitsRace(200, 50),
};
await sandbox.close();
await closeDatabase();
await scratch.drop();
console.log(JSON.stringify(result));
