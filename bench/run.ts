// npm run bench [-- --quick] [-- --instances 2] [-- --port 3300 --sandbox-port 4300] [-- --skip-build]
//                [-- --flash-sale [--shoppers 1000 --units 100 --seconds 10]]  (bench/flash-sale.ts)
//                [-- --no-lighthouse] [-- --only pages,deposit,checkout,frontend] [-- --heap-mb 384]
//                [-- --cpu-prof <dir>] [-- --lighthouse-dir <dir>] [-- --log-dir <dir>]
//                [-- --pages /cart,/api/cart]
//
// Builds the app, prepares a database (PostgreSQL when DATABASE_URL is set: a new database on
// that server, dropped at the end; else a fresh PGlite directory), starts the sandbox and
// `next start` (N processes with --instances, PostgreSQL only), warms up and measures the front
// end, pages, webhooks, checkout and memory. Prints one table and writes bench/results*.json and
// bench/report*.html (suffix -pglite or -instances-N by kind of run); a full run (neither
// --quick nor --only) also writes its table into the README's Performance section.
// Figures only: nothing here is a test.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { openScratchDatabase } from "@/db/scratch";
import { prepareDepositOrders, runDeposits } from "./deposit";
import { firstLoadJs, lighthouse, type FirstLoad, type LighthouseFigures } from "./front-end";
import { benchRelease, buildApp, Processes, waitFor } from "./processes";
import { renderReport, type BenchResults } from "./report";
import { cpuMs, percentile, round, sleep } from "./stats";

const databaseServerUrl = process.env.DATABASE_URL?.trim();

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    instances: { type: "string", default: "1" },
    port: { type: "string", default: process.env.BENCH_PORT ?? "3300" },
    "sandbox-port": { type: "string", default: process.env.BENCH_SANDBOX_PORT ?? "4300" },
    "skip-build": { type: "boolean", default: false },
    "no-lighthouse": { type: "boolean", default: false },
    // Writes each server's CPU profile (open in Chrome DevTools) to this directory at the end.
    "cpu-prof": { type: "string" },
    out: { type: "string", default: "bench" },
    // Each server's V8 heap limit in MB (--max-old-space-size), as README "Running in production"
    // recommends; 0 leaves V8 to size the heap from the machine's memory.
    "heap-mb": { type: "string", default: "384" },
    // Writes each process's standard output (the servers' JSON logs) to <dir>/<name>.log.
    "log-dir": { type: "string" },
    // Keeps every Lighthouse report (JSON) in this directory.
    "lighthouse-dir": { type: "string" },
    // Measures only these parts (comma-separated: pages, deposit, checkout, frontend), for profiling one.
    only: { type: "string" },
    // Load-tests (and warms up) only these paths, for profiling one page with --cpu-prof.
    pages: { type: "string" },
    // A 타임딜 on two servers, PostgreSQL and Redis instead of the measures above (bench/flash-sale.ts).
    "flash-sale": { type: "boolean", default: false },
    shoppers: { type: "string", default: "1000" },
    units: { type: "string", default: "100" },
    seconds: { type: "string", default: "10" },
  },
});
if (args["flash-sale"]) {
  const { runFlashSale } = await import("./flash-sale");
  process.exit(
    await runFlashSale({
      shoppers: Number(args.shoppers),
      units: Number(args.units),
      seconds: Number(args.seconds),
      port: Number(args.port),
      sandboxPort: Number(args["sandbox-port"]),
      skipBuild: args["skip-build"]!,
      heapMB: Number(args["heap-mb"]),
      logDir: args["log-dir"],
      cpuProfDir: args["cpu-prof"],
      out: args.out!,
    }),
  );
}
const partNames = ["pages", "deposit", "checkout", "frontend"] as const;
const only = args.only?.split(",").map((p) => p.trim());
if (only?.some((p) => !(partNames as readonly string[]).includes(p))) {
  console.error(`--only takes ${partNames.join(", ")}`);
  process.exit(2);
}
const measures = (part: (typeof partNames)[number]) => !only || only.includes(part);
const quick = args.quick!;
const instances = Number(args.instances);
const heapMB = Number(args["heap-mb"]);
if (!Number.isInteger(heapMB) || heapMB < 0) throw new Error("--heap-mb must be a whole number of MB (0: V8's default)");
const basePort = Number(args.port);
const sandboxPort = Number(args["sandbox-port"]);
const usesPostgres = !!process.env.DATABASE_URL?.trim();
if (!Number.isInteger(instances) || instances < 1) throw new Error("--instances must be a positive integer");
if (instances > 1 && !usesPostgres) {
  console.error("--instances needs PostgreSQL (set DATABASE_URL): PGlite is a single-process database.");
  process.exit(2);
}

// Other work on the machine disturbs every figure: the 1-minute load average is recorded.
const loadAtStart = round(loadavg()[0]!, 1)!;
const durations = quick
  ? { pageSeconds: 3, depositSeconds: 10, depositLightSeconds: 5, depositWarmup: 2, lighthouseRuns: 1 }
  : { pageSeconds: 8, depositSeconds: 30, depositLightSeconds: 10, depositWarmup: 5, lighthouseRuns: 3 };
// The issue's rate, and a quarter of it: what the one path costs when the machine keeps up.
const depositRate = 200;
const depositLightRate = 50;
const appUrls = Array.from({ length: instances }, (_, i) => `http://localhost:${basePort + i}`);
const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
const processes = new Processes(args["log-dir"]);
// What the bench is doing now: the memory sampler names the step during which each server peaked.
let step = "start";
const log = (line: string) => {
  step = line.replace(/ …$/, "");
  console.log(`[bench] ${line}`);
};

// 1. Build.
if (!args["skip-build"]) {
  log("next build …");
  buildApp();
}

// 2. The database the servers will use, prepared before they start (PGlite is single-process).
const pgliteDir = usesPostgres ? undefined : mkdtempSync(path.join(tmpdir(), "jangteo-bench-pglite-"));
const scratch = usesPostgres ? await openScratchDatabase("jangteo_bench") : undefined;
if (pgliteDir) process.env.PGLITE_DIR = path.join(pgliteDir, "db");
const { closeDatabase, db, ensureMigrated } = await import("@/db/client");
const { seedIfEmpty } = await import("@/lib/seed");
const schema = await import("@/db/schema");
const { and, count, eq, inArray } = await import("drizzle-orm");
const { addToCart } = await import("@/lib/cart");
const { placeOrder } = await import("@/lib/orders/place-order");
const { createCart, createProduct, validCheckoutForm } = await import("@/lib/testing/factories");

const sandboxDir = mkdtempSync(path.join(tmpdir(), "jangteo-bench-sandbox-"));
const start = processes.start.bind(processes);

const sandboxProcess = start("sandbox", ["--import", "tsx", "sandbox/main.ts"], {
  SANDBOX_PORT: String(sandboxPort),
  SANDBOX_DATA_DIR: sandboxDir,
});
await waitFor(`${sandboxUrl}/__sandbox/health`);
// The bench sends every DEPOSIT_CALLBACK itself, at the rate it measures. Left on, the sandbox
// would deliver its own for every prepared deposit (and retry them while the servers start), a
// flood of webhooks under every other figure.
const sandboxConfig = await fetch(`${sandboxUrl}/__sandbox/config`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ webhookUrl: null }) });
if (!sandboxConfig.ok) throw new Error(`the sandbox refused its configuration: ${sandboxConfig.status}`);
log(`preparing ${usesPostgres ? "PostgreSQL" : "PGlite"} database …`);
await ensureMigrated();
await seedIfEmpty(db, { production: false, catalog: true });
const [yuja] = await db.select().from(schema.products).where(eq(schema.products.slug, "yuja-tea"));
const [tea] = await db.select().from(schema.products).where(eq(schema.products.slug, "boseong-green-tea"));
const cartChange = await addToCart(db, undefined, yuja!.id, 2);
if (!cartChange.ok) throw new Error(cartChange.message);
await addToCart(db, cartChange.cartId, tea!.id, 1);
const cartCookie = { name: "jangteo_cart", value: cartChange.cartId };
const warmTargets = await prepareDepositOrders(db, sandboxUrl, depositLightRate * durations.depositWarmup, "warm");
const depositLightTargets = await prepareDepositOrders(db, sandboxUrl, depositLightRate * durations.depositLightSeconds, "light");
const depositTargets = await prepareDepositOrders(db, sandboxUrl, depositRate * durations.depositSeconds, "run");

// Unpaid orders past their lifetime, for the sweepers: each must be expired (and its stock
// released) exactly once however many servers sweep.
const sweepProduct = await createProduct({ slug: "bench-sweep", stock: 1_000 });
const sweepOrderIds: string[] = [];
for (let i = 0; i < 40; i++) {
  const placed = await placeOrder(db, await createCart([{ productId: sweepProduct.id, quantity: 1 }]), validCheckoutForm);
  if (!placed.ok) throw new Error(placed.message);
  sweepOrderIds.push(placed.order.orderId);
}
await db
  .update(schema.orders)
  .set({ statusChangedAt: new Date(Date.now() - 24 * 3_600_000) })
  .where(inArray(schema.orders.orderId, sweepOrderIds));
if (!usesPostgres) await closeDatabase();

// 3. Sandbox and servers.
const servers = appUrls.map((url, i) =>
  start(
    `app${i + 1}`,
    [
      ...(heapMB > 0 ? [`--max-old-space-size=${heapMB}`] : []),
      ...(args["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(args["cpu-prof"])}`] : []),
      "node_modules/next/dist/bin/next",
      "start",
      "-p",
      String(basePort + i),
    ],
    {
      PORT: String(basePort + i),
      APP_URL: appUrls[0]!,
      SANDBOX_PORT: String(sandboxPort),
      NODE_ENV: "production",
      // A production start refuses to run without a session secret; the bench's throwaway one.
      AUTH_SECRET: process.env.AUTH_SECRET || "bench-only-auth-secret-not-for-any-real-store",
      TOSS_ALLOW_TEST_KEYS_IN_PRODUCTION: "1",
      SWEEPER_INTERVAL_SECONDS: "5",
      // With REDIS_URL set the servers share one cache: keys of this run only (its database is new).
      REDIS_KEY_PREFIX: `jangteo-bench-${process.pid}:`,
      ...benchRelease,
      ...(usesPostgres ? { DATABASE_URL: process.env.DATABASE_URL! } : { PGLITE_DIR: process.env.PGLITE_DIR! }),
    },
  ),
);
for (const url of appUrls) await waitFor(`${url}/robots.txt`, 120);
log(`${instances} × next start on ${appUrls.join(", ")}, sandbox on ${sandboxUrl}`);
step = "warm-up";
// The servers' resident sets, sampled 4 times a second: the highest seen in each step (largest
// server), which says what grew the memory.
const rssByStep: Record<string, number> = {};
const rssSampler = setInterval(() => {
  for (const server of servers) {
    try {
      const mb = Math.round(Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, "utf8"))?.[1] ?? 0) / 1024);
      rssByStep[step] = Math.max(rssByStep[step] ?? 0, mb);
    } catch {}
  }
}, 250);

// 4. Warm-up: every page once per server (renders the cached pages), then some load.
const productPath = "/products/yuja-tea";
const cookieHeader = `${cartCookie.name}=${cartCookie.value}`;
// /cart is the same cached shell for every shopper; /api/cart is what it then asks for, per shopper.
const pagePaths = args.pages?.split(",").map((p) => p.trim()) ?? ["/robots.txt", "/", productPath, "/cart", "/api/cart"];
const withCart = (p: string): Record<string, string> => (p === "/cart" || p === "/api/cart" ? { cookie: cookieHeader } : {});
for (const url of appUrls) for (const p of pagePaths) await fetch(url + p, { headers: withCart(p) });

type PageFigures = BenchResults["pages"][number];
const serversCpuMs = () => servers.reduce((sum, s) => sum + cpuMs(s.pid!), 0);
function loadTest(p: string, seconds: number, headers: Record<string, string> = {}): Promise<PageFigures> {
  return new Promise((resolve, reject) => {
    const times: number[] = [];
    const cpuBefore = serversCpuMs();
    const instance = autocannon({ url: appUrls.map((u) => u + p), connections: 50, duration: seconds, headers }, (error, result) => {
      if (error) return reject(error);
      resolve({
        path: p,
        reqPerSec: Math.round(result.requests.average),
        p50: round(percentile(times, 50))!,
        p95: round(percentile(times, 95))!,
        p99: round(percentile(times, 99))!,
        non2xx: result.non2xx,
        errors: result.errors,
        serverCpuMsPerRequest: round((serversCpuMs() - cpuBefore) / Math.max(1, times.length), 2),
      });
    });
    instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => times.push(responseTime));
  });
}
for (const p of pagePaths) await loadTest(p, 2, withCart(p));

// 5. Front end, first: page loads as a shopper sees them, before any load test has grown the heap.
let frontEnd: BenchResults["frontEnd"] = null;
if (measures("frontend") && !args["no-lighthouse"]) {
  log(`front end: Lighthouse × ${durations.lighthouseRuns} per page …`);
  const lhPages = ["/", productPath, "/cart", "/checkout"];
  const lighthouseFigures: Record<string, LighthouseFigures> = {};
  for (const p of lhPages) lighthouseFigures[p] = await lighthouse(appUrls[0] + p, durations.lighthouseRuns, p === "/cart" || p === "/checkout" ? cookieHeader : undefined, args["lighthouse-dir"] && path.resolve(args["lighthouse-dir"]));
  const firstLoad: Record<string, FirstLoad> = await firstLoadJs(appUrls[0]!, lhPages, cartCookie);
  frontEnd = { lighthouse: lighthouseFigures, firstLoad };
}

// 6. Pages.
const pages: PageFigures[] = [];
if (measures("pages")) {
  log("pages …");
  for (const p of pagePaths) pages.push(await loadTest(p, durations.pageSeconds, withCart(p)));
  const reference = pages.find((page) => page.path === "/robots.txt");
  for (const page of pages) page.ratio = reference ? round(page.reqPerSec / reference.reqPerSec, 2) : null;
}

// 7. Webhooks.
let deposit: BenchResults["deposit"] = null;
let depositLight: BenchResults["depositLight"] = null;
if (measures("deposit")) {
  // CPU each process spends per deposit, to say where the time goes when the rate is not met.
  const measured = async (targets: typeof depositTargets, rate: number) => {
    const before = { servers: serversCpuMs(), sandbox: cpuMs(sandboxProcess.pid!), postgres: usesPostgres ? cpuMs("postgres") : NaN, bench: process.cpuUsage() };
    const result = await runDeposits(appUrls, targets, rate);
    const per = (ms: number) => round(ms / targets.length, 2);
    const benchCpu = process.cpuUsage(before.bench);
    return {
      ...result,
      cpuMsPerDeposit: {
        servers: per(serversCpuMs() - before.servers),
        sandbox: per(cpuMs(sandboxProcess.pid!) - before.sandbox),
        postgres: usesPostgres ? per(cpuMs("postgres") - before.postgres) : null,
        loadGenerator: per((benchCpu.user + benchCpu.system) / 1000),
      },
    };
  };
  log(`webhooks: DEPOSIT_CALLBACK at ${depositLightRate}/s for ${durations.depositLightSeconds} s …`);
  await runDeposits(appUrls, warmTargets, depositLightRate);
  depositLight = await measured(depositLightTargets, depositLightRate);
  log(`webhooks: DEPOSIT_CALLBACK at ${depositRate}/s for ${durations.depositSeconds} s …`);
  deposit = await measured(depositTargets, depositRate);
}

// 8. Checkout, in a process of its own (its scratch database is per process).
let checkout: BenchResults["checkout"] = null;
let serverRace: BenchResults["serverRace"] = null;
if (measures("checkout")) {
  log("checkout …");
  const checkoutRun = spawnSync(process.execPath, ["--import", "tsx", "--conditions=react-server", "bench/checkout.ts", ...(quick ? ["--quick"] : [])], {
    env: { ...process.env, DATABASE_URL: databaseServerUrl ?? "" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const checkoutLine = checkoutRun.stdout.split("\n").reverse().find((l) => l.startsWith("{"));
  if (!checkoutLine) throw new Error(`bench/checkout.ts failed: ${checkoutRun.stderr.slice(-2000)}`);
  checkout = JSON.parse(checkoutLine) as BenchResults["checkout"];

  // 9. The same race through the running servers (PostgreSQL: the bench can share the database):
  // 200 shoppers for 50 units, every success redirect sent to every server at once.
  if (usesPostgres) {
    log("checkout race through the servers …");
    const product = await createProduct({ slug: "bench-race", price: 15_000, stock: 50 });
    const carts = await Promise.all(Array.from({ length: 200 }, () => createCart([{ productId: product.id, quantity: 1 }])));
    let startedAt = performance.now();
    const placed = await Promise.all(carts.map((cartId) => placeOrder(db, cartId, validCheckoutForm)));
    const accepted = placed.flatMap((r) => (r.ok ? [r.order] : []));
    let wallMs = performance.now() - startedAt;
    // The shoppers approving the payment window: their time, not the store's.
    const approved: { orderId: string; amount: number; paymentKey: string }[] = [];
    for (const order of accepted) {
      const res = await fetch(`${sandboxUrl}/__sandbox/payments/authorize`, {
        method: "POST",
        body: JSON.stringify({ orderId: order.orderId, orderName: order.orderName, amount: order.amount, method: "카드", successUrl: `${appUrls[0]}/success` }),
      });
      approved.push({ orderId: order.orderId, amount: order.amount, paymentKey: ((await res.json()) as { paymentKey: string }).paymentKey });
    }
    startedAt = performance.now();
    await Promise.all(
      approved.map(({ orderId, amount, paymentKey }) => {
        const query = new URLSearchParams({ paymentKey, orderId, amount: String(amount), paymentType: "NORMAL" });
        return Promise.all(appUrls.map((u) => fetch(`${u}/success?${query}`, { redirect: "manual" })));
      }),
    );
    wallMs += performance.now() - startedAt;
    const confirms: number[] = [];
    for (const { paymentKey } of approved) {
      const view = (await (await fetch(`${sandboxUrl}/__sandbox/payments/${paymentKey}`)).json()) as { sandbox: { calls: { confirm: { executed: number } } } };
      confirms.push(view.sandbox.calls.confirm.executed);
    }
    const [paid] = await db
      .select({ n: count() })
      .from(schema.orders)
      .innerJoin(schema.orderItems, eq(schema.orderItems.orderId, schema.orders.id))
      .where(and(eq(schema.orderItems.productId, product.id), eq(schema.orders.status, "PAID")));
    serverRace = {
      shoppers: 200,
      stock: 50,
      placed: accepted.length,
      paid: paid!.n,
      successRedirectsPerOrder: instances,
      confirmsAtSandbox: { min: Math.min(...confirms), max: Math.max(...confirms) },
      wallMs: round(wallMs, 0)!,
    };
  }

}

// 10. The sweepers' work, done once: every stale order expired with one event, stock back once.
let sweep: BenchResults["sweep"] = null;
if (usesPostgres) {
  for (let i = 0; i < 30; i++) {
    const [left] = await db.select({ n: count() }).from(schema.orders).where(and(inArray(schema.orders.orderId, sweepOrderIds), eq(schema.orders.status, "PENDING")));
    if (left!.n === 0) break;
    await sleep(1000);
  }
  const [expired] = await db.select({ n: count() }).from(schema.orders).where(and(inArray(schema.orders.orderId, sweepOrderIds), eq(schema.orders.status, "EXPIRED")));
  const [events] = await db
    .select({ n: count() })
    .from(schema.orderEvents)
    .innerJoin(schema.orders, eq(schema.orders.id, schema.orderEvents.orderId))
    .where(and(inArray(schema.orders.orderId, sweepOrderIds), eq(schema.orderEvents.type, "ORDER_EXPIRED")));
  const [stock] = await db.select({ stock: schema.products.stock }).from(schema.products).where(eq(schema.products.id, sweepProduct.id));
  sweep = { orders: sweepOrderIds.length, expired: expired!.n, expiryEvents: events!.n, stockAfter: stock!.stock, stockBefore: 1_000 };
}

// 11. Memory: each server's peak resident set (VmHWM, the kernel's own high-water mark) over the
// whole run, and the step during which the sampler saw it.
clearInterval(rssSampler);
const peakRssMB = servers.map((s) => {
  const status = readFileSync(`/proc/${s.pid}/status`, "utf8");
  return round(Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024, 0)!;
});


// The servers and the sandbox write to their directories until they have exited (a CPU profile,
// the sandbox's state): wait for that before removing anything.
await processes.stopAndWait();
if (usesPostgres) await closeDatabase();
await scratch?.drop();
if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
rmSync(sandboxDir, { recursive: true, force: true });

const versions = JSON.parse(readFileSync("package.json", "utf8")) as { dependencies: Record<string, string> };
const results: BenchResults = {
  measuredAt: new Date().toISOString(),
  command: `${usesPostgres ? "DATABASE_URL=… " : ""}npm run bench${quick || instances > 1 ? " --" : ""}${quick ? " --quick" : ""}${instances > 1 ? ` --instances ${instances}` : ""}`,
  quick,
  machine: {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? "unknown",
    memoryGB: round(totalmem() / 1024 ** 3, 1)!,
    node: process.version,
    next: versions.dependencies.next!,
    react: versions.dependencies.react!,
    database: usesPostgres ? `PostgreSQL ${await postgresVersion()}` : "PGlite (embedded)",
    instances,
    serverHeapLimitMB: heapMB || null,
    loadAverage: { start: loadAtStart, end: round(loadavg()[0]!, 1)! },
  },
  pages,
  checkout,
  serverRace,
  deposit,
  depositLight,
  frontEnd,
  sweep,
  peakRssMB,
  rssByStep,
};
async function postgresVersion(): Promise<string> {
  const { default: postgres } = await import("postgres");
  const client = postgres(databaseServerUrl!, { max: 1, onnotice: () => {} });
  try {
    const [row] = await client`show server_version`;
    return String(row!.server_version).split(" ")[0]!;
  } finally {
    await client.end();
  }
}

const { table, html, readmeSection } = renderReport(results);
mkdirSync(args.out!, { recursive: true });
console.log(`\n${table}`);
// One file pair per kind of run, so that the PGlite, PostgreSQL and N-server figures sit side by side.
const kind = !usesPostgres ? "pglite" : instances > 1 ? `instances-${instances}` : null;
const suffix = kind ? `-${kind}` : "";
writeFileSync(path.join(args.out!, `results${suffix}.json`), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(path.join(args.out!, `report${suffix}.html`), html);
log(`wrote ${args.out}/results${suffix}.json and ${args.out}/report${suffix}.html`);
// A full run writes its table into the README's Performance section, between its markers.
if (!quick && !only && args.out === "bench") {
  const marker = kind ? `bench-${kind}` : "bench";
  const readme = readFileSync("README.md", "utf8");
  const pattern = new RegExp(`<!-- ${marker}:start -->[\\s\\S]*<!-- ${marker}:end -->`);
  const updated = readme.replace(pattern, `<!-- ${marker}:start -->\n${readmeSection}\n<!-- ${marker}:end -->`);
  if (updated !== readme) {
    writeFileSync("README.md", updated);
    log("updated the README's Performance section");
  }
}
