import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { TOSS_ERROR_CODES } from "@/lib/payments/toss/errors";

// The payment-provider seam, checked on the source: Toss's URLs, statuses, error codes, webhook
// names, field names and classes live only in its adapter (lib/payments/toss/) and the tests and
// test helpers that drive it. Our own order states share some words with Toss's payment statuses
// (WAITING_FOR_DEPOSIT, PARTIAL_CANCELED, CANCELED are orders.status values too), so those words
// cannot be banned as text; the import rule below keeps Toss's Payment type, and so comparisons
// with its status, out of everything else, and the strings banned here exist only at Toss.
// SEAM_CHECK_ROOT points the check at another copy of lib/ (to see it fail on an older tree).

const root = process.env.SEAM_CHECK_ROOT ?? join(__dirname, "..");

/** Files that name the provider by design: the resolver, and the configuration it is chosen by. */
const MAY_IMPORT_ADAPTER = new Set(["payments/index.ts", "env.ts"]);
/** Configuration of the widget's origin: the default API and widget URLs, the widget's frame hosts. */
const MAY_NAME_TOSS_HOSTS = new Set(["env.ts", "security-headers.ts"]);

const TOSS_ONLY_STRINGS = [
  ...TOSS_ERROR_CODES.keys(),
  // Toss's fail-redirect codes and payment statuses that are no order state of ours.
  "EXPIRED_PAYMENT",
  "PAY_PROCESS_CANCELED",
  "PAY_PROCESS_ABORTED",
  "USER_CANCEL",
  "ABORTED",
  "READY",
  // Webhook event names and Payment fields.
  "PAYMENT_STATUS_CHANGED",
  "DEPOSIT_CALLBACK",
  "CANCEL_STATUS_CHANGED",
  "isPartialCancelable",
  "refundReceiveAccount",
  "cancelStatus",
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|tsx|mts|mjs)$/.test(entry.name) ? [path] : [];
  });
}

function outsideAdapter(): { name: string; text: string }[] {
  return sources(root)
    .map((path) => relative(root, path).split(sep).join("/"))
    .filter((name) => !/\.test\.tsx?$/.test(name) && !name.startsWith("testing/") && !name.startsWith("payments/toss/") && !name.startsWith("toss/"))
    .map((name) => ({ name, text: readFileSync(join(root, name), "utf8") }));
}

describe("the payment-provider seam", () => {
  const files = outsideAdapter();

  it("reads the source of lib/", () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it("lets only the provider resolver and configuration import the Toss adapter", () => {
    const importsAdapter = /from\s+["'](?:@\/lib\/(?:payments\/)?toss\/|\.{1,2}\/(?:[\w.-]+\/)*toss\/)[^"']*["']|import\(["']@\/lib\/(?:payments\/)?toss\//;
    const offenders = files.filter((f) => !MAY_IMPORT_ADAPTER.has(f.name) && importsAdapter.test(f.text)).map((f) => f.name);
    expect(offenders).toEqual([]);
  });

  it("keeps Toss's hosts, classes, codes, statuses and field names inside the adapter", () => {
    const offenders: string[] = [];
    for (const { name, text } of files) {
      if (!MAY_NAME_TOSS_HOSTS.has(name) && text.includes("tosspayments.com")) offenders.push(`${name}: tosspayments.com`);
      if (text.includes('"tosspayments-')) offenders.push(`${name}: a Toss header`);
      if (!name.startsWith("payments/") && /\bToss[A-Z]\w*(Error|Client)\b/.test(text)) offenders.push(`${name}: a Toss class`);
      for (const word of TOSS_ONLY_STRINGS) {
        // As a string, a property read, or an object key.
        if (new RegExp(`["'\`]${word}["'\`]|\\.${word}\\b|(^|[\\s{,])${word}\\s*:`, "m").test(text)) offenders.push(`${name}: ${word}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
