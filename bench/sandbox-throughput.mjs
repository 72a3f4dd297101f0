// Throughput of the sandbox's confirm and get at 50 connections (numbers in sandbox/README.md).
//   node bench/sandbox-throughput.mjs [seconds]
// Starts the sandbox CLI as its own process (persistence on, webhooks to a closed port), authorizes
// enough payments through the control API, then runs autocannon against:
//   1. POST /v1/payments/confirm, every request a distinct, authorized payment (real work);
//   2. GET  /v1/payments/{paymentKey} over those payments;
//   3. POST /v1/payments/confirm replayed under one Idempotency-Key.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";

const seconds = Number(process.argv[2] ?? 10);
const port = Number(process.env.BENCH_SANDBOX_PORT ?? 4390);
const base = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(path.join(tmpdir(), "sandbox-bench-"));
const auth = `Basic ${Buffer.from("test_gsk_jangteo_sandbox_OaPz8L5KdmQXkzRz:").toString("base64")}`;

const child = spawn(process.execPath, ["--import", "tsx", "sandbox/main.ts"], {
  env: { ...process.env, SANDBOX_PORT: String(port), SANDBOX_DATA_DIR: dataDir, SANDBOX_WEBHOOK_URL: "http://127.0.0.1:9/hook" },
  stdio: ["ignore", "ignore", "inherit"],
});
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/__sandbox/health`)).ok) break;
    } catch {
      if (i > 100) throw new Error("sandbox did not start");
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const count = Number(process.env.BENCH_PAYMENTS ?? 15_000);
  const payments = [];
  const batch = 100;
  for (let i = 0; i < count; i += batch) {
    const made = await Promise.all(
      Array.from({ length: batch }, async (_, j) => {
        const orderId = `bench_${i + j}_${Date.now().toString(36)}`;
        const res = await fetch(`${base}/__sandbox/payments/authorize`, {
          method: "POST",
          body: JSON.stringify({ orderId, orderName: "bench", amount: 15000, method: "카드", successUrl: "http://localhost/s" }),
        });
        return { orderId, paymentKey: (await res.json()).paymentKey };
      }),
    );
    payments.push(...made);
  }

  const run = (title, opts) =>
    new Promise((resolve, reject) => {
      autocannon({ url: base, connections: 50, duration: seconds, ...opts }, (err, result) => {
        if (err) return reject(err);
        const non2xx = result.non2xx;
        console.log(
          `${title}: ${Math.round(result.requests.average)} req/s average (p50 latency ${result.latency.p50} ms, p99 ${result.latency.p99} ms), ${result.requests.total} requests, non-2xx ${non2xx}, errors ${result.errors}`,
        );
        resolve(result);
      });
    });

  let next = 0;
  const confirm = await run("confirm, distinct payments", {
    requests: [
      {
        method: "POST",
        path: "/v1/payments/confirm",
        headers: { authorization: auth, "content-type": "application/json" },
        setupRequest: (req) => {
          const p = payments[next++ % payments.length];
          return { ...req, body: JSON.stringify({ paymentKey: p.paymentKey, orderId: p.orderId, amount: 15000 }) };
        },
      },
    ],
  });
  if (next > payments.length) console.log(`(warning: ${next} requests for ${payments.length} payments — later ones were second confirms)`);
  void confirm;

  let g = 0;
  await run("get by paymentKey", {
    requests: [
      {
        method: "GET",
        headers: { authorization: auth },
        setupRequest: (req) => ({ ...req, path: `/v1/payments/${payments[g++ % payments.length].paymentKey}` }),
      },
    ],
  });

  const p = payments[payments.length - 1]; // not confirmed by the first run: the replayed answer is a 200
  const first = await fetch(`${base}/v1/payments/confirm`, {
    method: "POST",
    headers: { authorization: auth, "content-type": "application/json", "idempotency-key": "bench-replay" },
    body: JSON.stringify({ paymentKey: p.paymentKey, orderId: p.orderId, amount: 15000 }),
  });
  console.log(`(replayed answer: ${first.status} ${(await first.text()).slice(0, 80)})`);
  await run("confirm, Idempotency-Key replay", {
    url: `${base}/v1/payments/confirm`,
    method: "POST",
    headers: { authorization: auth, "content-type": "application/json", "idempotency-key": "bench-replay" },
    body: JSON.stringify({ paymentKey: p.paymentKey, orderId: p.orderId, amount: 15000 }),
  });
} finally {
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  rmSync(dataDir, { recursive: true, force: true });
}
