// Server time of the admin's order list and CSV export at scale. Needs a running server on a seeded
// database (npm run db:seed-scale) and an owner account on it; prints figures, asserts nothing.
//   npx tsx bench/admin-orders.ts --url http://localhost:3121 --email owner@example.com --password … [--pid SERVER_PID]
// DATABASE_URL must name the server's database: the deep page's cursor is read from it.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { encodeCursor } from "../lib/admin/orders";

const { values } = parseArgs({
  options: { url: { type: "string" }, email: { type: "string" }, password: { type: "string" }, pid: { type: "string" }, requests: { type: "string", default: "50" } },
});
if (!values.url || !values.email || !values.password || !process.env.DATABASE_URL) {
  console.error("usage: DATABASE_URL=… npx tsx bench/admin-orders.ts --url URL --email EMAIL --password PASSWORD [--pid PID] [--requests 50]");
  process.exit(2);
}
const base = values.url.replace(/\/$/, "");
const requests = Number(values.requests);

async function signIn(): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies },
    body: new URLSearchParams({ email: values.email!, password: values.password!, csrfToken, callbackUrl: `${base}/admin` }),
  });
  const session = response.headers.getSetCookie().find((c) => c.includes("session-token="));
  if (!session) throw new Error(`sign-in failed (${response.status} → ${response.headers.get("location")})`);
  return session.split(";")[0]!;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function timeRequests(label: string, path: string, cookie: string) {
  const timings: number[] = [];
  for (let i = 0; i < requests + 5; i++) {
    const started = performance.now();
    const response = await fetch(`${base}${path}`, { headers: { cookie } });
    const body = await response.text();
    if (!response.ok || !body.includes("orders-total")) throw new Error(`${label}: HTTP ${response.status}`);
    if (i >= 5) timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  console.log(`${label.padEnd(28)} p50 ${percentile(timings, 50).toFixed(1)} ms   p95 ${percentile(timings, 95).toFixed(1)} ms   (${requests} sequential requests after 5 warm-ups)`);
}

function rssKb(pid: string): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) : 0;
}

async function main() {
  const sqlClient = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  const [counted] = await sqlClient<{ total: number }[]>`select count(*)::int as total from orders`;
  const total = counted!.total;
  const [deep] = await sqlClient<{ key: string; id: number }[]>`
    select created_at::text as key, id from orders order by created_at desc, id desc offset ${Math.floor(total * 0.9)} limit 1`;
  const [phoneRow] = await sqlClient<{ phone: string }[]>`select customer_phone as phone from orders order by id limit 1 offset ${Math.floor(total / 2)}`;
  await sqlClient.end();
  const phone = phoneRow!.phone.replace(/^(\d{3})(\d{4})(\d{4})$/, "$1-$2-$3");

  const cookie = await signIn();
  console.log(`${total.toLocaleString("en")} orders; ${base}`);
  await timeRequests("orders, first page", "/admin/orders", cookie);
  await timeRequests("orders, page at 90 %", `/admin/orders?after=${encodeCursor([deep!.key, deep!.id])}`, cookie);
  await timeRequests("orders, search by phone", `/admin/orders?q=${encodeURIComponent(phone)}`, cookie);

  let peak = 0;
  const before = values.pid ? rssKb(values.pid) : 0;
  const sampler = values.pid ? setInterval(() => (peak = Math.max(peak, rssKb(values.pid!))), 20) : undefined;
  const started = performance.now();
  const response = await fetch(`${base}/admin/orders/export`, { headers: { cookie } });
  let bytes = 0;
  let lines = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (const byte of chunk) if (byte === 10) lines++;
  }
  const seconds = (performance.now() - started) / 1000;
  if (sampler) clearInterval(sampler);
  console.log(`CSV export: ${(lines - 1).toLocaleString("en")} orders, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s`);
  if (values.pid) console.log(`server RSS: ${(before / 1024).toFixed(0)} MB before, peak ${(peak / 1024).toFixed(0)} MB during the export`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
