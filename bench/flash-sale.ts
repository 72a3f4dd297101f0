// A 타임딜 through two servers (README, "Performance"):
//   DATABASE_URL=postgres://… npm run bench -- --flash-sale [--shoppers 1000 --units 100 --seconds 10]
//     [--skip-build] [--port 3300 --sandbox-port 4300] [--log-dir <dir>] [--cpu-prof <dir>]
//
// Two `next start` servers of one release on one PostgreSQL database (a new one, dropped at the
// end) and one Redis (REDIS_URL, default 127.0.0.1:6379). `shoppers` shoppers arrive evenly over
// `seconds` (open loop: nobody waits for anybody), each from an address of their own behind the
// imagined load balancer; each adds the sale product to a cart (one server), places an order
// (the other server) and pays at the sandbox, whose success redirect goes to either. The product
// has `units` units and 최대 구매 수량 1 per shopper. Exits 1 when a count is wrong: paid ≠ units, a 5xx,
// a refusal other than 품절, a confirm count other than 1 per paid order, stock after ≠ 0.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import postgres from "postgres";
import { openScratchDatabase } from "@/db/scratch";
import { benchRelease, buildApp, Processes, waitFor } from "./processes";
import { percentile, round, sleep } from "./stats";

export type FlashSaleOptions = {
  shoppers: number;
  units: number;
  seconds: number;
  port: number;
  sandboxPort: number;
  skipBuild: boolean;
  heapMB: number;
  logDir?: string;
  cpuProfDir?: string;
  out: string;
};

type ActionResult = { ok: boolean; code?: string; message?: string; fieldErrors?: Record<string, string>; order?: { orderId: string; orderName: string; amount: number } };

/** What one shopper went through. */
type Shopper = {
  i: number;
  server: [string, string];
  statuses: number[];
  added?: ActionResult;
  placed?: ActionResult;
  placeOrderMs?: number;
  paid?: boolean;
  /** When the order that took a unit was answered (performance.now()). */
  placedAt?: number;
  failure?: string;
};

const SALE_SLUG = "flash-sale-maesil";

/** Server action ids by file and exported name, from the build's manifest. */
function actionIds(): Record<string, string> {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as { node: Record<string, { filename?: string; exportedName?: string }> };
  const ids: Record<string, string> = {};
  for (const [id, entry] of Object.entries(manifest.node)) if (entry.filename && entry.exportedName) ids[`${entry.filename}#${entry.exportedName}`] = id;
  return ids;
}

/** The action's return value in a React Flight answer (`0:{…,"a":…}` or a row of its own). */
function actionResult(text: string): ActionResult | null {
  const rows = text
    .split("\n")
    .map((line) => /^[0-9a-f]+:(\{.*\})$/.exec(line)?.[1])
    .filter((json): json is string => !!json)
    .map((json) => {
      try {
        return JSON.parse(json) as Record<string, unknown>;
      } catch {
        return null;
      }
    });
  for (const row of rows) {
    if (row && typeof row.ok === "boolean") return row as ActionResult;
    const inline = row?.a as Record<string, unknown> | undefined;
    if (inline && typeof inline === "object" && typeof inline.ok === "boolean") return inline as ActionResult;
  }
  return null;
}

function cookieFrom(response: Response, name: string): string | undefined {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(";");
    const [key, value] = pair!.split("=");
    if (key === name && value) return value;
  }
  return undefined;
}

export async function runFlashSale(options: FlashSaleOptions): Promise<number> {
  const serverUrl = process.env.DATABASE_URL?.trim();
  if (!serverUrl) {
    console.error("--flash-sale needs PostgreSQL (set DATABASE_URL): two servers share one database.");
    return 2;
  }
  const redisUrl = process.env.REDIS_URL?.trim() || "redis://127.0.0.1:6379";
  const { shoppers: shopperCount, units, seconds } = options;
  if (![shopperCount, units, seconds].every((n) => Number.isFinite(n) && n > 0) || units > shopperCount) throw new Error("--shoppers, --units and --seconds must be positive, and units ≤ shoppers");
  const log = (line: string) => console.log(`[flash-sale] ${line}`);
  const loadAtStart = round(loadavg()[0]!, 2)!;
  log(`load average ${loadavg().map((n) => n.toFixed(2)).join(" ")}`);

  if (!options.skipBuild) {
    log("next build …");
    buildApp();
  }
  const ids = actionIds();
  const addToCartId = ids["components/cart/actions.ts#addToCartAction"];
  const placeOrderId = ids["components/checkout/actions.ts#placeOrderAction"];
  if (!addToCartId || !placeOrderId) throw new Error("the build names no addToCartAction or placeOrderAction: build again");

  const scratch = await openScratchDatabase("jangteo_flash");
  const { closeDatabase, db, ensureMigrated } = await import("@/db/client");
  const schema = await import("@/db/schema");
  const { and, count, eq, inArray } = await import("drizzle-orm");
  const { createProduct } = await import("@/lib/testing/factories");
  await ensureMigrated();
  const product = await createProduct({ slug: SALE_SLUG, name: "타임딜 매실청 1L", price: 19_900, stock: units, maxPerShopper: 1 });
  const warmProduct = await createProduct({ slug: "flash-sale-warm-up", name: "워밍업 상품", price: 19_900, stock: 1_000_000 });

  const processes = new Processes(options.logDir);
  const sandboxDir = mkdtempSync(path.join(tmpdir(), "jangteo-flash-sandbox-"));
  const sandboxUrl = `http://127.0.0.1:${options.sandboxPort}`;
  processes.start("sandbox", ["--import", "tsx", "sandbox/main.ts"], { SANDBOX_PORT: String(options.sandboxPort), SANDBOX_DATA_DIR: sandboxDir });
  await waitFor(`${sandboxUrl}/__sandbox/health`);
  // Card payments settle by the success redirect; no webhook is needed for them, and none is sent.
  await fetch(`${sandboxUrl}/__sandbox/config`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ webhookUrl: null }) });

  const appUrls = [0, 1].map((i) => `http://localhost:${options.port + i}`) as [string, string];
  // One prefix for both servers: they share the cache and its expired tags (keys of this run only).
  const redisKeyPrefix = `jangteo-flash-${process.pid}-${randomBytes(3).toString("hex")}:`;
  const servers = appUrls.map((url, i) =>
    processes.start(
      `app${i + 1}`,
      [
        ...(options.heapMB > 0 ? [`--max-old-space-size=${options.heapMB}`] : []),
        ...(options.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(options.cpuProfDir)}`] : []),
        "node_modules/next/dist/bin/next",
        "start",
        "-p",
        String(options.port + i),
      ],
      {
        ...benchRelease,
        PORT: String(options.port + i),
        // One public origin behind the load balancer.
        APP_URL: appUrls[0],
        DATABASE_URL: process.env.DATABASE_URL!,
        REDIS_URL: redisUrl,
        REDIS_KEY_PREFIX: redisKeyPrefix,
        // The load balancer names each shopper's address; without it every shopper would be 127.0.0.1.
        TRUSTED_PROXY_HEADER: "x-forwarded-for",
        SANDBOX_PORT: String(options.sandboxPort),
        NODE_ENV: "production",
        AUTH_SECRET: process.env.AUTH_SECRET || "bench-only-auth-secret-not-for-any-real-store",
        TOSS_ALLOW_TEST_KEYS_IN_PRODUCTION: "1",
      },
    ),
  );
  for (const url of appUrls) await waitFor(`${url}/api/health`, 120);
  log(`2 × next start on ${appUrls.join(", ")}, PostgreSQL, Redis, sandbox on ${sandboxUrl}`);

  // One shopper's three steps, each sent the way the browser sends it.
  let addressCounter = 0;
  function newShopper(i: number): Shopper {
    return { i, server: i % 2 === 0 ? [appUrls[0], appUrls[1]] : [appUrls[1], appUrls[0]], statuses: [] };
  }
  async function shop(s: Shopper, slug: string, productId: number, timing = true): Promise<void> {
    const n = ++addressCounter;
    const address = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
    const common = { "x-forwarded-for": address, accept: "text/x-component" };
    try {
      const add = await fetch(`${s.server[0]}/products/${slug}`, {
        method: "POST",
        headers: { ...common, origin: s.server[0], "next-action": addToCartId!, "content-type": "text/plain;charset=UTF-8" },
        body: JSON.stringify([productId, 1]),
      });
      s.statuses.push(add.status);
      s.added = actionResult(await add.text()) ?? undefined;
      if (!s.added) s.failure = `add: ${add.status} with no action result`;
      if (!s.added?.ok) return;
      const cart = cookieFrom(add, "jangteo_cart");
      if (!cart) {
        s.failure = "add: no cart cookie";
        return;
      }
      const fields = { customerName: "김타임", customerEmail: `shopper${s.i}@example.com`, customerPhone: `010${String(10_000_000 + n).slice(-8)}`, postcode: "06236", address: "서울특별시 강남구 테헤란로 131", addressDetail: `${s.i}호`, deliveryMemo: "", agreeTerms: "on", agreePrivacy: "on" };
      // React's encodeReply of one FormData argument, as the browser sends it: the form's fields
      // under "_1_", then the root row that points at them (the server reads them in this order).
      const form = new FormData();
      for (const [key, value] of Object.entries(fields)) form.append(`_1_${key}`, value);
      form.append("0", '["$K1"]');
      const started = performance.now();
      const place = await fetch(`${s.server[1]}/checkout`, {
        method: "POST",
        headers: { ...common, origin: s.server[1], cookie: `jangteo_cart=${cart}`, "next-action": placeOrderId! },
        body: form,
      });
      const text = await place.text();
      if (timing) s.placeOrderMs = performance.now() - started;
      s.statuses.push(place.status);
      s.placed = actionResult(text) ?? undefined;
      if (!s.placed) s.failure = `placeOrder: ${place.status} with no action result`;
      if (!s.placed?.ok || !s.placed.order) return;
      s.placedAt = performance.now();
      // The shopper approves the payment window; Toss sends the browser to /success on either server.
      const { orderId, orderName, amount } = s.placed.order;
      const authorized = await fetch(`${sandboxUrl}/__sandbox/payments/authorize`, {
        method: "POST",
        body: JSON.stringify({ orderId, orderName, amount, method: "카드", successUrl: `${appUrls[0]}/success` }),
      });
      const { paymentKey } = (await authorized.json()) as { paymentKey: string };
      const query = new URLSearchParams({ paymentKey, orderId, amount: String(amount), paymentType: "NORMAL" });
      const success = await fetch(`${s.server[s.i % 3 === 0 ? 0 : 1]}/success?${query}`, { redirect: "manual", headers: { "x-forwarded-for": address } });
      s.statuses.push(success.status);
      s.paid = success.status === 303 && (success.headers.get("location") ?? "").endsWith(`/orders/${orderId}`);
      if (!s.paid) s.failure = `success: ${success.status} → ${success.headers.get("location")}`;
    } catch (error) {
      s.failure = String(error);
    }
  }

  // Warm-up: both servers render the pages and run each action before the sale.
  for (const url of appUrls) for (const p of [`/products/${SALE_SLUG}`, `/products/${warmProduct.slug}`, "/checkout", "/cart"]) await fetch(url + p);
  await Promise.all(Array.from({ length: 40 }, (_, i) => shop(newShopper(i), warmProduct.slug, warmProduct.id, false)));
  await Promise.all(Array.from({ length: 40 }, (_, i) => shop(newShopper(i + 1), warmProduct.slug, warmProduct.id, false)));
  log("warmed up; the sale opens");

  // PostgreSQL's own view of the hot row: every 20 ms, the statements of this database waiting on a
  // lock (pg_stat_activity.wait_event_type = 'Lock'), and those among them that are the stock
  // reservation's UPDATE of products; pg_stat_database's counters before and after.
  const watcher = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  const dbStats = async () => (await watcher`select xact_commit::int, xact_rollback::int, deadlocks::int, conflicts::int from pg_stat_database where datname = current_database()`)[0]!;
  const statsBefore = await dbStats();
  const preload = String((await watcher`show shared_preload_libraries`)[0]!.shared_preload_libraries);
  const lockSamples: { waiting: number; onProducts: number }[] = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const [row] = await watcher`
        select count(*) filter (where wait_event_type = 'Lock')::int as waiting,
               count(*) filter (where wait_event_type = 'Lock' and query ilike 'update "products"%')::int as on_products
        from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`;
      lockSamples.push({ waiting: row!.waiting, onProducts: row!.on_products });
      await sleep(20);
    }
  })();

  // Both servers' product page, polled until each shows 품절: how soon after the last unit went.
  const soldOutSeenAt: (number | null)[] = [null, null];
  const lastSeen: string[] = ["", ""];
  let polling = true;
  const pollers = appUrls.map(async (url, i) => {
    while (polling && soldOutSeenAt[i] === null) {
      const page = await fetch(`${url}/products/${SALE_SLUG}`).catch(() => null);
      const html = (await page?.text().catch(() => "")) ?? "";
      const at = html.indexOf('data-testid="stock-state"');
      const state = at >= 0 ? /(재고 있음|품절 임박|품절)/.exec(html.slice(at, at + 2000))?.[1] : undefined;
      lastSeen[i] = `${state ?? page?.status ?? "no answer"} (${page?.headers.get("x-nextjs-cache") ?? "–"})`;
      if (state === "품절") soldOutSeenAt[i] = performance.now();
      await sleep(50);
    }
  });

  const shoppers = Array.from({ length: shopperCount }, (_, i) => newShopper(i));
  const interval = (seconds * 1000) / shopperCount;
  const start = performance.now() + 50;
  let lateArrivals = 0;
  const journeys: Promise<void>[] = [];
  for (const s of shoppers) {
    const due = start + s.i * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait - 0.5);
    if (performance.now() - due > 5) lateArrivals++;
    journeys.push(shop(s, SALE_SLUG, product.id));
  }
  await Promise.all(journeys);
  const wallSeconds = (performance.now() - start) / 1000;
  // The pages may show 품절 a moment after the last answer: give them 10 s.
  const deadline = performance.now() + 10_000;
  while (soldOutSeenAt.includes(null) && performance.now() < deadline) await sleep(50);
  polling = false;
  sampling = false;
  await Promise.all([...pollers, sampler]);
  const statsAfter = await dbStats();
  await watcher.end();
  log(`sale over in ${wallSeconds.toFixed(1)} s`);

  // What the database and the sandbox say.
  const saleOrders = await db
    .select({ orderId: schema.orders.orderId, status: schema.orders.status, paymentKey: schema.orders.paymentKey })
    .from(schema.orders)
    .innerJoin(schema.orderItems, eq(schema.orderItems.orderId, schema.orders.id))
    .where(eq(schema.orderItems.productId, product.id));
  const [{ stock: stockAfter }] = (await db.select({ stock: schema.products.stock }).from(schema.products).where(eq(schema.products.id, product.id))) as [{ stock: number }];
  const [{ n: paidInDb }] = (await db
    .select({ n: count() })
    .from(schema.orders)
    .where(and(inArray(schema.orders.orderId, saleOrders.length ? saleOrders.map((o) => o.orderId) : ["-"]), eq(schema.orders.status, "PAID")))) as [{ n: number }];
  const confirms: number[] = [];
  for (const o of saleOrders.filter((o) => o.status === "PAID" && o.paymentKey)) {
    const view = (await (await fetch(`${sandboxUrl}/__sandbox/payments/${o.paymentKey}`)).json()) as { sandbox: { calls: { confirm: { executed: number } } } };
    confirms.push(view.sandbox.calls.confirm.executed);
  }

  await processes.stopAndWait();
  await closeDatabase();
  await scratch.drop();
  rmSync(sandboxDir, { recursive: true, force: true });
  void servers;

  // The figures.
  const statuses = shoppers.flatMap((s) => s.statuses);
  const fiveXX = statuses.filter((code) => code >= 500).length;
  const placeTimes = shoppers.flatMap((s) => (s.placeOrderMs === undefined ? [] : [s.placeOrderMs]));
  const placeTimesTaken = shoppers.flatMap((s) => (s.placed?.ok && s.placeOrderMs !== undefined ? [s.placeOrderMs] : []));
  const paidShoppers = shoppers.filter((s) => s.paid).length;
  // What everyone else was told, by the words on their screen.
  const others: Record<string, number> = {};
  for (const s of shoppers.filter((s) => !s.placed?.ok)) {
    const said = s.failure ?? (s.added && !s.added.ok ? `담기: ${s.added.message}` : `주문: ${s.placed?.code} ${s.placed?.message}${s.placed?.fieldErrors ? ` ${JSON.stringify(s.placed.fieldErrors)}` : ""}`);
    others[said] = (others[said] ?? 0) + 1;
  }
  const soldOutWords = (text: string) => /^(담기|주문): (OUT_OF_STOCK )?.*(품절|재고가 부족)/.test(text);
  const otherThanSoldOut = Object.entries(others).filter(([said]) => !soldOutWords(said));
  const lastPlacedAt = Math.max(...shoppers.flatMap((s) => (s.placedAt === undefined ? [] : [s.placedAt])));
  const waitingSamples = lockSamples.filter((l) => l.onProducts > 0);
  const sampleMs = 20;
  const postgresVersion = await (async () => {
    const client = postgres(serverUrl, { max: 1, onnotice: () => {} });
    try {
      return String((await client`show server_version`)[0]!.server_version).split(" ")[0]!;
    } finally {
      await client.end();
    }
  })();

  const results = {
    measuredAt: new Date().toISOString(),
    command: `DATABASE_URL=… npm run bench -- --flash-sale${shopperCount !== 1000 ? ` --shoppers ${shopperCount}` : ""}${units !== 100 ? ` --units ${units}` : ""}${seconds !== 10 ? ` --seconds ${seconds}` : ""}`,
    machine: {
      cores: cpus().length,
      cpu: cpus()[0]?.model ?? "unknown",
      memoryGB: round(totalmem() / 1024 ** 3, 1)!,
      node: process.version,
      database: `PostgreSQL ${postgresVersion}`,
      servers: 2,
      loadAverage: { start: loadAtStart, end: round(loadavg()[0]!, 2)! },
    },
    shoppers: shopperCount,
    units,
    seconds,
    wallSeconds: round(wallSeconds, 1),
    lateArrivals,
    paid: { byRedirect: paidShoppers, inDatabase: paidInDb },
    ordersPlaced: shoppers.filter((s) => s.placed?.ok).length,
    saleOrdersByStatus: saleOrders.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o.status]: (acc[o.status] ?? 0) + 1 }), {}),
    requests: statuses.length,
    fiveXX,
    placeOrder: {
      calls: placeTimes.length,
      p50: round(percentile(placeTimes, 50)),
      p95: round(percentile(placeTimes, 95)),
      p99: round(percentile(placeTimes, 99)),
      max: round(Math.max(...placeTimes)),
      takingAUnit: { calls: placeTimesTaken.length, p50: round(percentile(placeTimesTaken, 50)), p99: round(percentile(placeTimesTaken, 99)) },
    },
    others,
    confirmsPerPaidOrder: { min: Math.min(...confirms), max: Math.max(...confirms), orders: confirms.length },
    stockAfter,
    soldOutShownAfterLastUnitMs: soldOutSeenAt.map((t) => (t === null ? null : round(t - lastPlacedAt, 0))),
    productPageLastSeen: lastSeen,
    productRowLockWaits: {
      source: "pg_stat_activity sampled every 20 ms (wait_event_type = 'Lock', statement UPDATE \"products\")",
      samples: lockSamples.length,
      samplesWithWaiters: waitingSamples.length,
      maxWaiters: Math.max(0, ...lockSamples.map((l) => l.onProducts)),
      meanWaitersWhenAny: round(waitingSamples.reduce((n, l) => n + l.onProducts, 0) / Math.max(1, waitingSamples.length), 1),
      // Each sample stands for 20 ms of waiting by each waiter it saw: an estimate, not a sum PostgreSQL keeps.
      estimatedWaitSeconds: round((lockSamples.reduce((n, l) => n + l.onProducts, 0) * sampleMs) / 1000, 2),
      otherLockWaitsMax: Math.max(0, ...lockSamples.map((l) => l.waiting - l.onProducts)),
      pgStatStatements: /pg_stat_statements/.test(preload) ? "loaded" : "not loaded on this server (not in shared_preload_libraries)",
    },
    pgStatDatabase: {
      commits: statsAfter.xact_commit - statsBefore.xact_commit,
      rollbacks: statsAfter.xact_rollback - statsBefore.xact_rollback,
      deadlocks: statsAfter.deadlocks - statsBefore.deadlocks,
    },
  };

  const problems: string[] = [];
  if (paidShoppers !== units || paidInDb !== units) problems.push(`paid ${paidShoppers} by redirect, ${paidInDb} in the database, not ${units}`);
  if (fiveXX > 0) problems.push(`${fiveXX} answers were 5xx`);
  if (otherThanSoldOut.length > 0) problems.push(`shoppers were told something other than 품절: ${JSON.stringify(Object.fromEntries(otherThanSoldOut))}`);
  if (confirms.some((c) => c !== 1)) problems.push(`confirms per paid order ${results.confirmsPerPaidOrder.min}–${results.confirmsPerPaidOrder.max}, not 1`);
  if (stockAfter !== 0) problems.push(`stock after the sale is ${stockAfter}, not 0`);
  if (soldOutSeenAt.includes(null)) problems.push(`a server's product page did not show 품절 within 10 s: ${lastSeen.join(", ")}`);

  const table: [string, string][] = [
    ["shoppers", `${shopperCount} over ${seconds} s, open loop (${lateArrivals} arrived > 5 ms late) · sale over in ${results.wallSeconds} s`],
    ["paid", `${paidShoppers} of ${units} units (database: ${paidInDb} PAID) · orders by status ${JSON.stringify(results.saleOrdersByStatus)}`],
    ["5xx answers", `${fiveXX} of ${statuses.length} requests`],
    ["placeOrder (HTTP, server action)", `p50 ${results.placeOrder.p50} · p95 ${results.placeOrder.p95} · p99 ${results.placeOrder.p99} · max ${results.placeOrder.max} ms over ${placeTimes.length} calls (the ${placeTimesTaken.length} that took a unit: p50 ${results.placeOrder.takingAUnit.p50} · p99 ${results.placeOrder.takingAUnit.p99} ms)`],
    ["what the others saw", Object.entries(others).map(([said, n]) => `${n} × ${said}`).join(" · ") || "–"],
    ["confirms per paid order", `${results.confirmsPerPaidOrder.min}–${results.confirmsPerPaidOrder.max} (${confirms.length} orders)`],
    ["stock after", String(stockAfter)],
    ["품절 on the product page after the last unit", `${[0, 1].map((i) => `server ${i + 1}: ${results.soldOutShownAfterLastUnitMs[i] !== null ? `${results.soldOutShownAfterLastUnitMs[i]} ms` : `not within 10 s, last seen ${lastSeen[i]}`}`).join(" · ")} (polled every 50 ms; negative: before the last order's answer arrived)`],
    [
      "lock waits on the product row",
      `max ${results.productRowLockWaits.maxWaiters} statements waiting at once · waiters in ${waitingSamples.length} of ${lockSamples.length} samples (mean ${results.productRowLockWaits.meanWaitersWhenAny}) · ~${results.productRowLockWaits.estimatedWaitSeconds} s waited in all · other lock waits max ${results.productRowLockWaits.otherLockWaitsMax}`,
    ],
    ["pg_stat_database during the sale", `${results.pgStatDatabase.commits} commits · ${results.pgStatDatabase.rollbacks} rollbacks · ${results.pgStatDatabase.deadlocks} deadlocks`],
  ];
  console.log(`\n${results.machine.cores} cores (${results.machine.cpu}), Node ${process.version}, ${results.machine.database}, 2 × next start + Redis, load average ${loadAtStart} → ${results.machine.loadAverage.end}`);
  for (const [what, figures] of table) console.log(`${what.padEnd(48)} ${figures}`);
  mkdirSync(options.out, { recursive: true });
  writeFileSync(path.join(options.out, "results-flash-sale.json"), `${JSON.stringify({ ...results, problems }, null, 2)}\n`);
  log(`wrote ${options.out}/results-flash-sale.json`);

  // A full-size run on the default output writes its table into the README's Performance section.
  if (shopperCount === 1000 && units === 100 && seconds === 10 && options.out === "bench") {
    const header = `Measured with \`${results.command}\` on ${results.machine.cores} cores (${results.machine.cpu.split(" ").slice(0, 2).join(" ")}), Node ${process.version}, ${results.machine.database}, Redis, 2 × next start, load average ${loadAtStart} before the run${loadAtStart >= 1.5 ? " (a busy machine: measured at that load, not a quiet one)" : ""}; ${results.measuredAt.slice(0, 16).replace("T", " ")} UTC:`;
    const section = `${header}\n\n| what | figures |\n| --- | --- |\n${table.map(([what, figures]) => `| ${what} | ${figures.replaceAll("|", "\\|")} |`).join("\n")}`;
    const readme = readFileSync("README.md", "utf8");
    const updated = readme.replace(/<!-- bench-flash-sale:start -->[\s\S]*<!-- bench-flash-sale:end -->/, `<!-- bench-flash-sale:start -->\n${section}\n<!-- bench-flash-sale:end -->`);
    if (updated !== readme) {
      writeFileSync("README.md", updated);
      log("updated the README's Performance section");
    }
  }

  if (problems.length > 0) {
    console.error(`\n[flash-sale] FAILED:\n- ${problems.join("\n- ")}`);
    return 1;
  }
  return 0;
}
