// Turns bench results into the printed table, bench/report.html (inline SVG charts) and the
// README's Performance section.
import type { DepositResult } from "./deposit";
import type { FirstLoad, LighthouseFigures } from "./front-end";

export type BenchResults = {
  measuredAt: string;
  command: string;
  quick: boolean;
  machine: { cores: number; cpu: string; memoryGB: number; node: string; next: string; react: string; database: string; instances: number; serverHeapLimitMB?: number | null; loadAverage: { start: number; end: number } };
  pages: { path: string; reqPerSec: number; p50: number; p95: number; p99: number; non2xx: number; errors: number; ratio?: number | null; serverCpuMsPerRequest: number | null }[];
  checkout: null | {
    database: string;
    placeOrder: { shoppers: number; orders: number; p50: number | null; p95: number | null; p99: number | null };
    successOverhead: { runs: number; p50: number | null; p95: number | null; p99: number | null; tossP50: number | null };
    race: { shoppers: number; stock: number; placed: number; paid: number; wallMs: number | null };
  };
  serverRace: {
    shoppers: number;
    stock: number;
    placed: number;
    paid: number;
    successRedirectsPerOrder: number;
    confirmsAtSandbox: { min: number; max: number };
    wallMs: number;
  } | null;
  deposit: DepositFigures | null;
  /** The same path at a quarter of the rate. */
  depositLight: DepositFigures | null;
  frontEnd: { lighthouse: Record<string, LighthouseFigures>; firstLoad: Record<string, FirstLoad> } | null;
  sweep: { orders: number; expired: number; expiryEvents: number; stockBefore: number; stockAfter: number } | null;
  peakRssMB: number[];
  /** The largest server's highest sampled RSS (MB) in each step of the bench. */
  rssByStep?: Record<string, number>;
};

type DepositFigures = DepositResult & { cpuMsPerDeposit: { servers: number | null; sandbox: number | null; postgres: number | null; loadGenerator: number | null } };

const ms = (n: number | null | undefined) => (n == null ? "–" : `${n} ms`);

function rows(r: BenchResults): [string, string, string][] {
  const out: [string, string, string][] = [];
  for (const p of r.pages) {
    out.push([`page ${p.path}${p.path === "/cart" ? " (shell)" : p.path === "/api/cart" ? " (3 items)" : ""}`, `${p.reqPerSec} req/s · p50 ${p.p50} · p95 ${p.p95} · p99 ${p.p99} ms${p.non2xx || p.errors ? ` · ${p.non2xx} non-2xx, ${p.errors} errors` : ""}`, `${p.ratio}× /robots.txt · server CPU ${p.serverCpuMsPerRequest} ms/request`]);
  }
  const c = r.checkout;
  if (c) {
    out.push([`placeOrder, ${c.placeOrder.shoppers} shoppers at once`, `p50 ${ms(c.placeOrder.p50)} · p95 ${ms(c.placeOrder.p95)} · p99 ${ms(c.placeOrder.p99)}`, `${c.placeOrder.orders} orders`]);
    out.push(["/success outside the Toss call", `p50 ${ms(c.successOverhead.p50)} · p95 ${ms(c.successOverhead.p95)}`, `${c.successOverhead.runs} confirms`]);
    out.push([`${c.race.shoppers} checkouts, stock ${c.race.stock} (in process)`, `${c.race.paid} paid`, `${ms(c.race.wallMs)} wall`]);
  }
  if (r.serverRace) {
    const s = r.serverRace;
    out.push([
      `${s.shoppers} checkouts, stock ${s.stock}, via ${r.machine.instances} server(s)`,
      `${s.paid} paid · confirms per order at the sandbox ${s.confirmsAtSandbox.min === s.confirmsAtSandbox.max ? s.confirmsAtSandbox.min : `${s.confirmsAtSandbox.min}–${s.confirmsAtSandbox.max}`}`,
      `${ms(s.wallMs)} wall, each redirect sent to every server`,
    ]);
  }
  for (const d of [r.depositLight, r.deposit]) {
    if (!d) continue;
    const cpu = d.cpuMsPerDeposit;
    out.push([
      `DEPOSIT_CALLBACK ${d.rate}/s for ${d.seconds} s, open loop`,
      `${d.requests - d.shed - d.errors} processed: p50 ${ms(d.p50)} · p99 ${ms(d.p99)} · max ${ms(d.max)} · ${d.shed} answered 503 (busy; p99 ${ms(d.shedP99)}) · ${d.errors} errors · ${d.lateSends} late sends`,
      `CPU per delivery: server ${ms(cpu.servers)}, sandbox ${ms(cpu.sandbox)}${cpu.postgres == null ? "" : `, PostgreSQL ${ms(cpu.postgres)}`}, sender ${ms(cpu.loadGenerator)}`,
    ]);
  }
  if (r.frontEnd) {
    for (const [p, lh] of Object.entries(r.frontEnd.lighthouse)) {
      const js = r.frontEnd.firstLoad[p];
      out.push([
        `Lighthouse mobile ${p}`,
        `perf ${lh.performance} · a11y ${lh.accessibility} · best practices ${lh.bestPractices} · SEO ${lh.seo}`,
        `LCP ${lh.lcpMs} ms · CLS ${lh.cls} · TBT ${lh.tbtMs} ms · JS ${js ? `${js.gzipKB} kB gzip` : "–"}`,
      ]);
    }
  }
  if (r.sweep) out.push(["sweepers", `${r.sweep.expired} of ${r.sweep.orders} stale orders expired, ${r.sweep.expiryEvents} expiry events`, `stock ${r.sweep.stockBefore - r.sweep.orders} → ${r.sweep.stockAfter}`]);
  out.push(["peak RSS per server", r.peakRssMB.map((m) => `${m} MB`).join(", "), r.machine.database]);
  if (r.rssByStep) out.push(["RSS by step (largest server)", Object.entries(r.rssByStep).map(([step, mb]) => `${step} ${mb} MB`).join(" · "), "sampled 4×/s"]);
  return out;
}

function machineLine(r: BenchResults): string {
  const m = r.machine;
  return `${m.cores} cores (${m.cpu}), ${m.memoryGB} GB, Node ${m.node}, Next ${m.next}, React ${m.react}, ${m.database}, ${m.instances} × next start${m.serverHeapLimitMB ? ` (--max-old-space-size=${m.serverHeapLimitMB})` : ""}${m.loadAverage ? `, load average ${m.loadAverage.start} → ${m.loadAverage.end}` : ""}; ${r.measuredAt.slice(0, 16).replace("T", " ")} UTC`;
}

function busyNote(r: BenchResults): string {
  // The bench loads the machine itself, so only the load before it started says whether other
  // work shared the machine.
  const before = r.machine.loadAverage?.start ?? 0;
  return before > r.machine.cores / 2
    ? ` the machine was busy when the run began (load average ${before} on ${r.machine.cores} cores), so throughput and latencies here say little; rerun on a quiet machine.`
    : "";
}

function markdownTable(r: BenchResults): string {
  const lines = ["| what | figures | notes |", "| --- | --- | --- |", ...rows(r).map((cols) => `| ${cols.join(" | ")} |`)];
  return lines.join("\n");
}

function textTable(r: BenchResults): string {
  const all = rows(r);
  const w = [0, 1, 2].map((i) => Math.max(...all.map((row) => row[i]!.length)));
  return [machineLine(r), ...all.map((row) => row.map((c, i) => c.padEnd(w[i]!)).join("  "))].join("\n");
}

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function barChart(title: string, bars: { label: string; value: number; unit: string; target?: number }[]): string {
  const max = Math.max(...bars.map((b) => Math.max(b.value, b.target ?? 0)), 1);
  const rowH = 28;
  const width = 640;
  const labelW = 190;
  const chartW = width - labelW - 110;
  const body = bars
    .map((b, i) => {
      const y = i * rowH + 8;
      const w = Math.max(1, (b.value / max) * chartW);
      const target = b.target === undefined ? "" : `<line x1="${labelW + (b.target / max) * chartW}" x2="${labelW + (b.target / max) * chartW}" y1="${y - 3}" y2="${y + 21}" stroke="#b91c1c" stroke-dasharray="3 2"/>`;
      return `<text x="${labelW - 8}" y="${y + 14}" text-anchor="end">${escape(b.label)}</text><rect x="${labelW}" y="${y}" width="${w}" height="18" fill="#c2410c" rx="2"/>${target}<text x="${labelW + w + 6}" y="${y + 14}">${b.value} ${escape(b.unit)}</text>`;
    })
    .join("");
  return `<figure><figcaption>${escape(title)}</figcaption><svg width="${width}" height="${bars.length * rowH + 12}" role="img" aria-label="${escape(title)}" font-family="system-ui, sans-serif" font-size="12">${body}</svg></figure>`;
}

export function renderReport(r: BenchResults): { table: string; html: string; readmeSection: string } {
  const charts = [
    barChart("Pages: requests per second at 50 connections", r.pages.map((p) => ({ label: p.path, value: p.reqPerSec, unit: "req/s" }))),
    barChart("Pages: p99 latency (dashed: 50 ms target)", r.pages.map((p) => ({ label: p.path, value: p.p99, unit: "ms", target: 50 }))),
    barChart("Checkout and webhooks (ms)", [
      { label: "placeOrder p95", value: r.checkout?.placeOrder.p95 ?? 0, unit: "ms" },
      { label: "/success overhead p95", value: r.checkout?.successOverhead.p95 ?? 0, unit: "ms", target: 40 },
      { label: "deposit p50", value: r.deposit?.p50 ?? 0, unit: "ms" },
      { label: "deposit p99", value: r.deposit?.p99 ?? 0, unit: "ms", target: 25 },
    ]),
  ];
  if (r.frontEnd) {
    const lh = Object.entries(r.frontEnd.lighthouse);
    charts.push(barChart("Lighthouse mobile performance (dashed: 95)", lh.map(([p, f]) => ({ label: p, value: f.performance ?? 0, unit: "", target: 95 }))));
    charts.push(barChart("First-load JavaScript, gzip (dashed: 150 kB)", Object.entries(r.frontEnd.firstLoad).map(([p, f]) => ({ label: p, value: f.gzipKB, unit: "kB", target: 150 }))));
  }
  charts.push(barChart("Peak RSS per server (dashed: 400 MB)", r.peakRssMB.map((m, i) => ({ label: `server ${i + 1}`, value: m, unit: "MB", target: 400 }))));
  const tableHtml = `<table><thead><tr><th>what</th><th>figures</th><th>notes</th></tr></thead><tbody>${rows(r)
    .map((cols) => `<tr>${cols.map((c) => `<td>${escape(c)}</td>`).join("")}</tr>`)
    .join("")}</tbody></table>`;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Jangteo benchmark</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem;color:#1c1917}figure{margin:1.5rem 0}figcaption{font-weight:600;margin-bottom:.25rem}table{border-collapse:collapse;font-size:14px}td,th{border:1px solid #d6d3d1;padding:4px 8px;text-align:left}code{background:#f5f5f4;padding:1px 4px}</style>
</head><body>
<h1>Jangteo benchmark</h1>
<p>${escape(machineLine(r))}${escape(busyNote(r))}</p>
<p>Command: <code>${escape(r.command)}</code>${r.quick ? " (quick mode: shorter runs, one Lighthouse run)" : ""}</p>
${charts.join("\n")}
${tableHtml}
</body></html>
`;
  const readmeSection = `Measured with \`${r.command}\` on ${machineLine(r)}:${busyNote(r)}\n\n${markdownTable(r)}`;
  return { table: textTable(r), html, readmeSection };
}
