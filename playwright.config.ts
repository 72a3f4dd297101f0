import { existsSync } from "node:fs";
import { chromium, defineConfig, devices } from "@playwright/test";
import { e2ePorts, e2eUrls } from "./e2e/ports";
import { e2eRelease } from "./e2e/release";

// Playwright cannot download its browser on our machines: use the one named, else Debian's,
// else Playwright's own if someone installed it; with none, say how to get one.
function chromiumExecutable(): string | undefined {
  const named = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
  if (named) {
    if (!existsSync(named)) throw new Error(`PLAYWRIGHT_CHROMIUM_EXECUTABLE=${named} does not exist`);
    return named;
  }
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  let bundled = "";
  try {
    bundled = chromium.executablePath();
  } catch {}
  if (bundled && existsSync(bundled)) return undefined;
  console.error("No Chromium found: install one with `sudo apt-get install -y chromium` or set PLAYWRIGHT_CHROMIUM_EXECUTABLE.");
  process.exit(1);
}

const executablePath = chromiumExecutable();
process.env.SANDBOX_E2E_URL = e2eUrls.sandbox;

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: e2eUrls.app,
    locale: "ko-KR",
    timezoneId: "Asia/Seoul",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath,
          args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        },
      },
    },
  ],
  webServer: [
    {
      command: "npx tsx e2e/start.ts sandbox",
      url: `${e2eUrls.sandbox}/__sandbox/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      // E2E_SKIP_BUILD=1 reuses the last build while iterating on specs.
      command: `${process.env.E2E_SKIP_BUILD ? "" : "npx next build && "}npx tsx e2e/start.ts app`,
      url: `${e2eUrls.app}/`,
      reuseExistingServer: false,
      timeout: 240_000,
      stdout: process.env.CI ? "pipe" : "ignore",
      stderr: "pipe",
      env: { PORT: String(e2ePorts.app), ...e2eRelease },
    },
  ],
});
