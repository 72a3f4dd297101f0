// Prints the first-load JavaScript (gzip) of the store's main pages: the sum of the gzip sizes
// of every <script src> a page loads (Next 16's build output no longer prints it).
//   npx tsx e2e/bench-first-load.ts [baseUrl]     (a running `next start`, default :3100)
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";

const base = process.argv[2] ?? "http://localhost:3100";
const browser = await chromium.launch({
  executablePath: process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
});
const page = await browser.newPage();

async function firstLoad(path: string) {
  await page.goto(base + path, { waitUntil: "networkidle" });
  // The store's own bundles; the widget script that the Toss SDK injects is Toss's, not ours.
  const srcs = (await page.$$eval("script[src]", (scripts) => scripts.map((s) => (s as HTMLScriptElement).src))).filter((src) => src.startsWith(base));
  let gzip = 0;
  let raw = 0;
  for (const src of new Set(srcs)) {
    const body = Buffer.from(await (await fetch(src)).arrayBuffer());
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
  }
  return { path, scripts: new Set(srcs).size, rawKB: +(raw / 1024).toFixed(1), gzipKB: +(gzip / 1024).toFixed(1) };
}

const results = [await firstLoad("/"), await firstLoad("/products/yuja-tea")];
await page.getByRole("button", { name: "장바구니 담기" }).click();
await page.getByText("장바구니에 담았어요").waitFor();
results.push(await firstLoad("/cart"), await firstLoad("/checkout"));
console.table(results);
await browser.close();
