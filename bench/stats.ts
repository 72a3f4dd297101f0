import { readdirSync, readFileSync } from "node:fs";

/** Nearest-rank percentile of unsorted samples. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const round = (n: number, digits = 1) => (Number.isFinite(n) ? Number(n.toFixed(digits)) : null);

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * CPU time (user + system) a process has used so far, in ms, from /proc (Linux). With pid
 * "postgres", the sum over every PostgreSQL server process: the bench's share of the database's work.
 */
export function cpuMs(pid: number | "postgres"): number {
  const ticksToMs = 10; // USER_HZ is 100 on Linux
  const read = (p: number | string) => {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return { comm: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")), ms: (Number(fields[11]) + Number(fields[12])) * ticksToMs };
    } catch {
      return null; // exited in between
    }
  };
  if (pid !== "postgres") return read(pid)?.ms ?? NaN;
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const proc = read(entry);
    if (proc?.comm === "postgres") total += proc.ms;
  }
  return total;
}
