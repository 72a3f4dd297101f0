// Front-end figures against a running server: Lighthouse (mobile preset, the system Chromium,
// median of N runs) and first-load JavaScript as a cold modern Chromium downloads it (gzip bytes
// of the scripts it fetched, which leaves out the legacy fallback modern browsers never load).
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { percentile, round } from "./stats";

const run = promisify(execFile);

export const chromiumPath = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? process.env.CHROME_PATH ?? "/usr/bin/chromium";
const chromiumFlags = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"];

export type LighthouseFigures = {
  performance: number | null;
  accessibility: number | null;
  bestPractices: number | null;
  seo: number | null;
  lcpMs: number | null;
  cls: number | null;
  tbtMs: number | null;
  runs: number;
};

async function lighthouseOnce(url: string, cookie: string | undefined, outDir: string, i: number) {
  const out = path.join(outDir, `lh-${i}.json`);
  const args = [
    "node_modules/lighthouse/cli/index.js",
    url,
    "--quiet",
    "--output=json",
    `--output-path=${out}`,
    "--only-categories=performance,accessibility,best-practices,seo",
    `--chrome-flags=${chromiumFlags.join(" ")}`,
    "--max-wait-for-load=30000",
  ];
  if (cookie) args.push(`--extra-headers=${JSON.stringify({ Cookie: cookie })}`);
  await run(process.execPath, args, { env: { ...process.env, CHROME_PATH: chromiumPath }, maxBuffer: 64 * 1024 * 1024 });
  const report = JSON.parse(readFileSync(out, "utf8")) as {
    categories: Record<string, { score: number | null }>;
    audits: Record<string, { numericValue?: number }>;
  };
  const score = (id: string) => (report.categories[id]?.score == null ? null : Math.round(report.categories[id]!.score! * 100));
  return {
    performance: score("performance"),
    accessibility: score("accessibility"),
    bestPractices: score("best-practices"),
    seo: score("seo"),
    lcpMs: report.audits["largest-contentful-paint"]?.numericValue ?? null,
    cls: report.audits["cumulative-layout-shift"]?.numericValue ?? null,
    tbtMs: report.audits["total-blocking-time"]?.numericValue ?? null,
  };
}

/**
 * Median of each figure over `runs` Lighthouse runs (mobile is Lighthouse's default preset).
 * `keepIn`, when given, is a directory where the full reports stay (open them in Chromium's
 * Lighthouse viewer to see what a score is made of).
 */
export async function lighthouse(url: string, runs: number, cookie?: string, keepIn?: string): Promise<LighthouseFigures> {
  const outDir = keepIn ? path.join(keepIn, new URL(url).pathname.replace(/\W+/g, "_") || "root") : mkdtempSync(path.join(tmpdir(), "jangteo-lh-"));
  mkdirSync(outDir, { recursive: true });
  try {
    const results: Awaited<ReturnType<typeof lighthouseOnce>>[] = [];
    for (let i = 0; i < runs; i++) results.push(await lighthouseOnce(url, cookie, outDir, i));
    const median = (pick: (r: (typeof results)[number]) => number | null, digits: number) => {
      const values = results.map(pick).filter((v): v is number => v !== null);
      return values.length ? round(percentile(values, 50), digits) : null;
    };
    return {
      performance: median((r) => r.performance, 0),
      accessibility: median((r) => r.accessibility, 0),
      bestPractices: median((r) => r.bestPractices, 0),
      seo: median((r) => r.seo, 0),
      lcpMs: median((r) => r.lcpMs, 0),
      cls: median((r) => r.cls, 3),
      tbtMs: median((r) => r.tbtMs, 0),
      runs,
    };
  } finally {
    if (!keepIn) rmSync(outDir, { recursive: true, force: true });
  }
}

export type FirstLoad = { scripts: number; rawKB: number; gzipKB: number };

/** The store's own scripts a cold Chromium fetches for a page (not the Toss widget's). */
export async function firstLoadJs(base: string, paths: string[], cookie?: { name: string; value: string }): Promise<Record<string, FirstLoad>> {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumFlags.filter((f) => f !== "--headless=new") });
  const figures: Record<string, FirstLoad> = {};
  try {
    for (const pagePath of paths) {
      const context = await browser.newContext();
      if (cookie) await context.addCookies([{ ...cookie, url: base }]);
      const page = await context.newPage();
      const bodies: Promise<Buffer>[] = [];
      page.on("response", (response) => {
        if (response.request().resourceType() === "script" && response.url().startsWith(base)) bodies.push(response.body());
      });
      await page.goto(base + pagePath, { waitUntil: "networkidle" });
      const scripts = await Promise.all(bodies);
      figures[pagePath] = {
        scripts: scripts.length,
        rawKB: round(scripts.reduce((n, b) => n + b.length, 0) / 1024)!,
        gzipKB: round(scripts.reduce((n, b) => n + gzipSync(b).length, 0) / 1024)!,
      };
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return figures;
}
