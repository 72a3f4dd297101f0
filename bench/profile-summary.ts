// Where a server's CPU went, from a V8 CPU profile (`npm run bench -- --cpu-prof <dir>`):
//   npx tsx bench/profile-summary.ts <file.cpuprofile> [--top 15]
// Self time grouped by what ran it (React's renderer, Next.js, Node's streams and sockets, the
// database driver, garbage collection, the store's own code), then the functions with the most
// self time. Idle time is left out of the shares.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

type Frame = { functionName: string; url: string; lineNumber: number };
type Node = { id: number; callFrame: Frame };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

// Piped into head, stdout closes early: stop quietly.
process.stdout.on("error", () => process.exit(0));
const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: "string", default: "15" } } });
const profile = JSON.parse(readFileSync(positionals[0]!, "utf8")) as Profile;
const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));

function groupOf(f: Frame): string {
  const u = f.url;
  if (f.functionName === "(idle)") return "idle";
  if (f.functionName === "(garbage collector)") return "garbage collection";
  if (f.functionName === "(program)" || (!u && f.functionName === "")) return "V8 / native (program)";
  // Next's page runtime carries its own copy of React's server renderers (Fizz and Flight).
  if (/react-dom|react-server-dom|compiled\/react|next-server\/app-page/.test(u)) return "React rendering (Next's page runtime)";
  if (/node:internal\/(streams|webstreams)|node:stream/.test(u)) return "Node streams";
  if (/node:internal\/(http|net|stream_base|tls)|node:(http|net|_http)/.test(u) || /_http_/.test(u)) return "Node HTTP / sockets";
  if (/node:/.test(u)) return "Node (other)";
  if (/drizzle-orm/.test(u)) return "drizzle-orm";
  if (/node_modules\/postgres\//.test(u)) return "postgres.js";
  if (/pglite/.test(u)) return "PGlite";
  if (/next\/dist/.test(u)) return "Next.js";
  if (/node_modules/.test(u)) return "other packages";
  if (/\.next\/server/.test(u)) return "app bundle (ours and bundled)";
  return u ? "other" : "native";
}

const byGroup = new Map<string, number>();
const byFunction = new Map<string, number>();
const byFile = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const f = frames.get(id)!;
  const us = profile.timeDeltas[i] ?? 0;
  const group = groupOf(f);
  byGroup.set(group, (byGroup.get(group) ?? 0) + us);
  if (group === "idle") return;
  total += us;
  const name = `${f.functionName || "(anonymous)"} ${f.url.replace(/^.*node_modules\//, "").replace(/^.*\.next\//, ".next/")}:${f.lineNumber + 1}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + us);
  const file = f.url.replace(/^.*node_modules\//, "").replace(/^.*\.next\//, ".next/") || "(native)";
  byFile.set(file, (byFile.get(file) ?? 0) + us);
});

const pct = (us: number) => `${((100 * us) / total).toFixed(1)} %`;
console.log(`busy ${(total / 1000).toFixed(0)} ms (idle ${((byGroup.get("idle") ?? 0) / 1000).toFixed(0)} ms)`);
for (const [g, us] of [...byGroup].filter(([g]) => g !== "idle").sort((a, b) => b[1] - a[1])) console.log(`${pct(us).padStart(7)}  ${g}`);
console.log("\ntop files:");
for (const [file, us] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) console.log(`${pct(us).padStart(7)}  ${file}`);
console.log("\ntop self time:");
for (const [name, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) console.log(`${pct(us).padStart(7)}  ${name}`);
