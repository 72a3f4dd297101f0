import { existsSync } from "node:fs";
import { startSandbox } from "./server";

// `npm run sandbox`: the sandbox as its own process.
if (existsSync(".env")) process.loadEnvFile(".env");

const env = process.env;
const appUrl = (env.APP_URL?.trim() || "http://localhost:3000").replace(/\/+$/, "");
const port = Number(env.SANDBOX_PORT?.trim() || 4100);
const timeScale = Number(env.SANDBOX_TIME_SCALE?.trim() || 1);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`SANDBOX_PORT is not a port: ${env.SANDBOX_PORT}`);
if (!(timeScale > 0)) throw new Error(`SANDBOX_TIME_SCALE must be a positive number: ${env.SANDBOX_TIME_SCALE}`);

const sandbox = await startSandbox({
  port,
  host: env.SANDBOX_HOST?.trim() || "127.0.0.1",
  dataDir: env.SANDBOX_DATA_DIR?.trim() || ".data/sandbox",
  webhookUrl: env.SANDBOX_WEBHOOK_URL?.trim() || `${appUrl}/api/webhooks/toss`,
  timeScale,
});
console.log(`Toss sandbox listening on ${sandbox.url}`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
