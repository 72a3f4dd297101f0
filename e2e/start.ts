// Starts what the e2e tests need, from a clean slate each run (Playwright's webServer runs it):
//   tsx e2e/start.ts app      → the production build on E2E_APP_PORT with a fresh database
//   tsx e2e/start.ts sandbox  → the Toss sandbox on E2E_SANDBOX_PORT with fresh state
import { spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { openScratchDatabase } from "../db/scratch";
import { adminAccounts } from "./admin-accounts";
import { E2E_CLIENT_ADDRESS_HEADER, E2E_UNPAID_ORDERS_PER_ADDRESS } from "./client-address";
import { e2ePorts } from "./ports";

const target = process.argv[2];
const appUrl = `http://localhost:${e2ePorts.app}`;

function run(command: string, args: string[], env: Record<string, string>) {
  const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code) => process.exit(code ?? 1));
}

if (target === "app") {
  const env: Record<string, string> = {
    PORT: String(e2ePorts.app),
    APP_URL: appUrl,
    SANDBOX_PORT: String(e2ePorts.sandbox),
    NODE_ENV: "production",
    // The production build runs on the sandbox's test keys here, on purpose.
    TOSS_ALLOW_TEST_KEYS_IN_PRODUCTION: "1",
    // A production server refuses to start without one; this one signs only test sessions.
    AUTH_SECRET: "e2e-only-auth-secret-not-for-any-real-store",
    // Per-address limits count only requests that name an address in this header (see
    // e2e/client-address.ts): e2e/unpaid-limit.spec.ts sends its own, the rest of the suite none.
    TRUSTED_PROXY_HEADER: E2E_CLIENT_ADDRESS_HEADER,
    UNPAID_ORDERS_PER_ADDRESS: String(E2E_UNPAID_ORDERS_PER_ADDRESS),
    // With REDIS_URL in the environment the cache is shared: this run's keys are its own, so no
    // page rendered from an earlier run's database is served.
    REDIS_KEY_PREFIX: `jangteo-e2e-${e2ePorts.app}-${Date.now()}:`,
  };
  if (process.env.DATABASE_URL) {
    // One database per app port, so suites run side by side on one server never share (or drop) it.
    await openScratchDatabase("jangteo_e2e", `jangteo_e2e_${e2ePorts.app}`);
    env.DATABASE_URL = process.env.DATABASE_URL;
  } else {
    rmSync(".data/e2e/pglite", { recursive: true, force: true });
    env.PGLITE_DIR = ".data/e2e/pglite";
  }
  // A production server seeds no demo catalog: the tests shop in the one db:seed writes.
  const seed = spawnSync("npx", ["tsx", "scripts/db.ts", "seed"], { stdio: "inherit", env: { ...process.env, ...env } });
  if (seed.status !== 0) process.exit(seed.status ?? 1);
  for (const account of Object.values(adminAccounts)) {
    const created = spawnSync("npx", ["tsx", "scripts/admin-create.ts", "--email", account.email, "--role", account.role], {
      input: account.password,
      stdio: ["pipe", "ignore", "inherit"],
      env: { ...process.env, ...env },
    });
    if (created.status !== 0) process.exit(created.status ?? 1);
  }
  // Cached catalog reads from an earlier run would describe another database.
  rmSync(".next/cache/fetch-cache", { recursive: true, force: true });
  run("npx", ["next", "start", "-p", String(e2ePorts.app)], env);
} else if (target === "sandbox") {
  rmSync(".data/e2e/sandbox", { recursive: true, force: true });
  run("npx", ["tsx", "sandbox/main.ts"], {
    SANDBOX_PORT: String(e2ePorts.sandbox),
    SANDBOX_DATA_DIR: ".data/e2e/sandbox",
    SANDBOX_WEBHOOK_URL: `${appUrl}/api/webhooks/toss`,
    SANDBOX_TIME_SCALE: process.env.SANDBOX_TIME_SCALE ?? "1",
  });
} else {
  console.error("usage: tsx e2e/start.ts app|sandbox");
  process.exit(2);
}
