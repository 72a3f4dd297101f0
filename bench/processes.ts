// The processes a bench starts (the sandbox, `next start` servers), stopped when it ends, and the
// build they run.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, openSync } from "node:fs";
import path from "node:path";
import { sleep } from "./stats";

/**
 * One release of several servers (README, "Several instances behind a load balancer"): the build
 * and every server get the same server-actions key and deployment id, so that with REDIS_URL set
 * start-up accepts them and a form rendered by one server can be posted to another. Bench values,
 * unless the environment names the real ones.
 */
export const benchRelease = {
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY?.trim() || Buffer.from("jangteo-bench-only-actions-key!!").toString("base64"),
  NEXT_DEPLOYMENT_ID: process.env.NEXT_DEPLOYMENT_ID?.trim() || "bench",
};

export function buildApp(): void {
  const build = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, ...benchRelease } });
  if (build.status !== 0) throw new Error("next build failed");
}

export class Processes {
  readonly children: ChildProcess[] = [];
  private stopping = false;

  /** `logDir`: where each process's standard output goes (<dir>/<name>.log); else nowhere. */
  constructor(private readonly logDir?: string) {
    process.on("exit", () => this.stop());
    for (const signal of ["SIGINT", "SIGTERM"] as const)
      process.on(signal, () => {
        this.stop();
        process.exit(130);
      });
  }

  start(name: string, command: string[], env: Record<string, string>): ChildProcess {
    const logDir = this.logDir && path.resolve(this.logDir);
    if (logDir) mkdirSync(logDir, { recursive: true });
    const stdout = logDir ? openSync(path.join(logDir, `${name}.log`), "w") : "ignore";
    const child = spawn(process.execPath, command, { env: { ...process.env, ...env }, stdio: ["ignore", stdout, "pipe"] });
    let lastStderr = "";
    child.stderr!.on("data", (chunk: Buffer) => {
      const text = chunk.toString();
      lastStderr = (lastStderr + text).slice(-2000);
      if (/error/i.test(text)) process.stderr.write(`[${name}] ${text}`);
    });
    // A server that stops at start-up (a configuration error, a taken port) ends the bench with its reason.
    child.on("exit", (code, signal) => {
      if (!this.stopping) {
        console.error(`[bench] ${name} exited (${signal ?? `code ${code}`}):\n${lastStderr}`);
        process.exit(1);
      }
    });
    this.children.push(child);
    return child;
  }

  stop(): void {
    this.stopping = true;
    for (const child of this.children) if (child.exitCode === null) child.kill("SIGTERM");
  }

  /** Stops every process and waits until each has exited (a CPU profile is written on exit). */
  async stopAndWait(): Promise<void> {
    const exited = this.children.filter((c) => c.exitCode === null && c.signalCode === null).map((c) => new Promise((resolve) => c.once("exit", resolve)));
    this.stop();
    await Promise.all(exited);
  }
}

export async function waitFor(url: string, seconds = 60): Promise<void> {
  for (let i = 0; i < seconds * 10; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await sleep(100);
  }
  throw new Error(`${url} did not answer`);
}
