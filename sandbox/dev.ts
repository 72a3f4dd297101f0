import { ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { DEFAULT_CLIENT_KEY, DEFAULT_SECRET_KEY } from "./choices";

// `npm run dev`: next dev, plus the sandbox beside it unless real Toss keys are configured.
if (existsSync(".env")) process.loadEnvFile(".env");

const env = process.env;
const secretKey = env.TOSS_SECRET_KEY?.trim();
const clientKey = env.TOSS_CLIENT_KEY?.trim();
const realToss =
  Boolean(env.TOSS_API_BASE_URL?.trim()) ||
  (Boolean(secretKey) && secretKey !== DEFAULT_SECRET_KEY) ||
  (Boolean(clientKey) && clientKey !== DEFAULT_CLIENT_KEY);

const children: ChildProcess[] = [];
let exiting = false;

function start(name: string, command: string, args: string[]) {
  const child = spawn(command, args, { stdio: "inherit", env });
  children.push(child);
  child.on("exit", (code, signal) => {
    if (exiting) return;
    exiting = true;
    console.error(`[dev] ${name} exited (${signal ?? code}); stopping the others`);
    for (const c of children) if (c !== child && c.exitCode === null) c.kill("SIGTERM");
    process.exitCode = code ?? 1;
  });
}

const tsx = process.execPath;
if (!realToss) {
  start("sandbox", tsx, ["--import", "tsx", "sandbox/main.ts"]);
} else {
  console.log("[dev] real Toss keys configured: not starting the sandbox");
}
start("next", process.execPath, ["node_modules/next/dist/bin/next", "dev", "--port", env.PORT?.trim() || "3000"]);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    exiting = true;
    for (const c of children) if (c.exitCode === null) c.kill(signal);
  });
}
