import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { expect, test, type Browser } from "@playwright/test";
import { adminAccounts } from "./admin-accounts";
import { signIn } from "./admin-helpers";
import { e2ePorts } from "./ports";
import { e2eRelease } from "./release";

// Two `next start` servers behind an imagined load balancer, on one PostgreSQL (the e2e
// database) and one Redis: a stock change made through one shows on the other's cached product
// page within a second, not after the page's 60 s lifetime.
//
// PGlite is one process's database: two servers cannot share it, so this runs on PostgreSQL only
// (CI's second pass sets DATABASE_URL).
test.skip(!process.env.DATABASE_URL, "two servers need one shared database: set DATABASE_URL (PGlite belongs to one process)");

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
const ports = [e2ePorts.app + 1, e2ePorts.app + 2] as const;
const urls = ports.map((port) => `http://localhost:${port}`);
// Keys of this run only, so runs side by side (or an earlier one) never read each other's pages.
const redisKeyPrefix = `jangteo-e2e-${e2ePorts.app}-${randomBytes(4).toString("hex")}:`;
const servers: ChildProcess[] = [];

function e2eDatabaseUrl(): string {
  // The database e2e/start.ts made for the main e2e server, already seeded with the owner.
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/jangteo_e2e_${e2ePorts.app}`;
  return url.toString();
}

async function startServer(port: number): Promise<ChildProcess> {
  const output: string[] = [];
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], {
    env: {
      ...process.env,
      ...e2eRelease,
      NODE_ENV: "production",
      DATABASE_URL: e2eDatabaseUrl(),
      REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
      REDIS_KEY_PREFIX: redisKeyPrefix,
      APP_URL: `http://localhost:${port}`,
      SANDBOX_PORT: String(e2ePorts.sandbox),
      TOSS_ALLOW_TEST_KEYS_IN_PRODUCTION: "1",
      AUTH_SECRET: "e2e-only-auth-secret-not-for-any-real-store",
      SWEEPER_INTERVAL_SECONDS: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of [child.stdout!, child.stderr!]) stream.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start on ${port} exited (${child.exitCode}):\n${output.join("").slice(-2000)}`);
    const ok = await fetch(`http://localhost:${port}/api/health`).then((r) => r.ok, () => false);
    if (ok) return child;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill();
  throw new Error(`next start on ${port} did not answer /api/health within 90 s:\n${output.join("").slice(-2000)}`);
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  servers.push(...(await Promise.all(ports.map(startServer))));
});

test.afterAll(() => {
  for (const server of servers) server.kill();
});

async function pageOn(browser: Browser, url: string) {
  const context = await browser.newContext({ baseURL: url, locale: "ko-KR", timezoneId: "Asia/Seoul" });
  return context.newPage();
}

test("a stock change made through one server shows on the other's cached product page within a second", async ({ browser }) => {
  // Two more servers on a shared 2-core machine: their first renders are slow.
  test.setTimeout(90_000);
  const [serverA, serverB] = urls as [string, string];
  const slug = `two-servers-${randomBytes(4).toString("hex")}`;
  const owner = await pageOn(browser, serverA);
  await signIn(owner, adminAccounts.owner, "/admin/products/new");
  await owner.goto("/admin/products/new");
  const form = owner.getByTestId("product-form");
  await form.getByRole("textbox", { name: "상품명" }).fill("두 서버 시험용 매실청");
  await form.getByRole("textbox", { name: "상품 주소" }).fill(slug);
  await form.getByRole("spinbutton", { name: "가격 (원)" }).fill("15000");
  await form.getByRole("spinbutton", { name: "시작 재고 (개)" }).fill("5");
  await form.getByLabel(/상품 이미지/).setInputFiles({ name: "maesil.png", mimeType: "image/png", buffer: PNG });
  await form.getByRole("button", { name: "상품 등록" }).click();
  await expect(owner).toHaveURL(/\/admin\/products\/\d+\?created=1$/);

  // The other server renders the page once and serves it from the shared cache from then on.
  const shopper = await pageOn(browser, serverB);
  await shopper.goto(`/products/${slug}`);
  await expect(shopper.getByTestId("stock-state")).toHaveText("재고 있음");
  const again = await shopper.request.get(`/products/${slug}`);
  expect(again.headers()["x-nextjs-cache"]).toBe("HIT");

  const stock = owner.getByTestId("stock-form");
  await stock.getByRole("spinbutton", { name: /변경 수량/ }).fill("-5");
  await stock.getByRole("textbox", { name: "사유" }).fill("두 서버 시험: 전부 출고");
  await stock.getByRole("button", { name: "재고 변경" }).click();
  await expect(stock.getByRole("status")).toHaveText("재고를 0개로 바꿨어요.");
  // The very next request to the other server shows it: no lifetime to wait out, no retry. How
  // long that took (mostly the fresh render) is kept with the result.
  const changedAt = Date.now();
  await shopper.goto(`/products/${slug}`);
  await expect(shopper.getByTestId("stock-state")).toHaveText("품절");
  test.info().annotations.push({ type: "seen on the other server after (ms)", description: String(Date.now() - changedAt) });

  // And back, through the same server: the other one follows again.
  await stock.getByRole("spinbutton", { name: /변경 수량/ }).fill("2");
  await stock.getByRole("textbox", { name: "사유" }).fill("두 서버 시험: 재입고");
  await stock.getByRole("button", { name: "재고 변경" }).click();
  await expect(stock.getByRole("status")).toHaveText("재고를 2개로 바꿨어요.");
  await shopper.goto(`/products/${slug}`);
  await expect(shopper.getByTestId("stock-state")).toContainText("품절 임박");
  await owner.context().close();
  await shopper.context().close();
});
