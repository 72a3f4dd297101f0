// DEPOSIT_CALLBACK latency at a fixed rate, open loop (see "Performance" in the README).
// `prepareDepositOrders` runs before the server starts, on the server's database: one
// virtual-account order per request, WAITING_FOR_DEPOSIT with a known payment secret. `runDeposits`
// then sends each order's DEPOSIT_CALLBACK (status DONE) at evenly spaced intended times, never
// waiting for answers, and measures latency from the intended send time, so a stall shows up in
// every request queued behind it. Every request names a distinct order, so each one processed moves
// an order to PAID: real work. One turned away by WEBHOOK_MAX_IN_FLIGHT (503) is counted apart.
import { randomBytes } from "node:crypto";
import type { Database } from "@/db/client";
import { orders, payments } from "@/db/schema";
import { SANDBOX_SECRET_KEY } from "@/lib/env";
import { basicAuthHeader } from "@/lib/payments/toss/client";
import { percentile, round } from "./stats";

export type DepositTarget = { orderId: string; secret: string };
type SandboxPayment = { paymentKey: string; secret: string; orderId: string };

async function sandboxCall<T>(sandboxUrl: string, method: "POST" | "GET", path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(`${sandboxUrl}${path}`, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`sandbox ${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** A virtual-account payment in the sandbox the server reads: authorized, confirmed (secret issued), deposited. */
async function depositedPayment(sandboxUrl: string, orderId: string): Promise<SandboxPayment> {
  const { paymentKey } = await sandboxCall<{ paymentKey: string }>(sandboxUrl, "POST", "/__sandbox/payments/authorize", {
    orderId,
    orderName: "벤치마크 주문",
    amount: 15_000,
    method: "가상계좌",
    bankCode: "88",
    successUrl: "http://localhost/success",
  });
  const confirmed = await sandboxCall<{ secret: string }>(sandboxUrl, "POST", "/v1/payments/confirm", { paymentKey, orderId, amount: 15_000 }, {
    Authorization: basicAuthHeader(SANDBOX_SECRET_KEY),
    "Idempotency-Key": `bench-${orderId}`,
  });
  await sandboxCall(sandboxUrl, "POST", `/__sandbox/virtual-accounts/${orderId}/deposit`, {});
  return { paymentKey, secret: confirmed.secret, orderId };
}

export async function prepareDepositOrders(db: Database, sandboxUrl: string, n: number, tag: string): Promise<DepositTarget[]> {
  const targets: DepositTarget[] = [];
  const hourAgo = new Date(Date.now() - 3_600_000);
  const due = new Date(Date.now() + 7 * 24 * 3_600_000);
  for (let start = 0; start < n; start += 200) {
    const ids = Array.from({ length: Math.min(200, n - start) }, (_, i) => `bench_${tag}_${start + i}_${randomBytes(6).toString("hex")}`);
    const batch: SandboxPayment[] = [];
    // A few at a time: the sandbox is one process, and setup is not what is measured.
    for (let i = 0; i < ids.length; i += 20) batch.push(...(await Promise.all(ids.slice(i, i + 20).map((id) => depositedPayment(sandboxUrl, id)))));
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
        providerStatus: "WAITING_FOR_DEPOSIT",
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

type Sample = { latencyMs: number; ok: boolean; shed?: boolean; detail?: string };

async function send(endpoint: string, target: DepositTarget, intendedAt: number, i: number): Promise<Sample> {
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
    // Turned away by WEBHOOK_MAX_IN_FLIGHT: Toss would deliver it again a minute later.
    const shed = res.status === 503 && body.outcome === "retry";
    return { latencyMs, ok, shed, detail: ok ? undefined : `${res.status} ${JSON.stringify(body)}` };
  } catch (error) {
    return { latencyMs: performance.now() - intendedAt, ok: false, detail: String(error) };
  }
}

export type DepositResult = {
  rate: number;
  seconds: number;
  requests: number;
  wallSeconds: number | null;
  lateSends: number;
  /** Latency of the deliveries processed (200), from their intended send time. */
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  /** Answered 503 at once by WEBHOOK_MAX_IN_FLIGHT, for Toss to deliver again. */
  shed: number;
  shedP99: number | null;
  /** Anything else than processed or shed. */
  errors: number;
  firstError?: string;
};

/** Sends targets[i] at start + i / rate to the base URLs in turn, never waiting for answers. */
export async function runDeposits(baseUrls: string[], targets: DepositTarget[], rate: number): Promise<DepositResult> {
  const endpoints = baseUrls.map((u) => `${u}/api/webhooks/toss`);
  const interval = 1000 / rate;
  const inFlight: Promise<Sample>[] = [];
  const start = performance.now() + 50;
  let lateSends = 0;
  for (let i = 0; i < targets.length; i++) {
    const intendedAt = start + i * interval;
    const wait = intendedAt - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait - 0.5));
    while (performance.now() < intendedAt) {
      // the last half millisecond: spin, so sends are evenly spaced rather than timer-quantised
    }
    if (performance.now() - intendedAt > 2) lateSends++;
    inFlight.push(send(endpoints[i % endpoints.length]!, targets[i]!, intendedAt, i));
  }
  const samples = await Promise.all(inFlight);
  const latencies = samples.filter((s) => s.ok).map((s) => s.latencyMs);
  const shed = samples.filter((s) => s.shed).map((s) => s.latencyMs);
  const errors = samples.filter((s) => !s.ok && !s.shed);
  return {
    rate,
    seconds: round(targets.length / rate)!,
    requests: samples.length,
    wallSeconds: round((performance.now() - start) / 1000),
    lateSends,
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    max: latencies.length ? round(Math.max(...latencies)) : null,
    shed: shed.length,
    shedP99: round(percentile(shed, 99)),
    errors: errors.length,
    firstError: errors[0]?.detail,
  };
}
