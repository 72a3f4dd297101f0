import type { IncomingMessage, ServerResponse } from "node:http";
import { IDEMPOTENCY_KEY_MAX, MIXED_KIND_PREFIXES, merchantOf } from "./choices";
import { Auth, Core, cancelSchema, confirmSchema, invalid } from "./core";
import { ERRORS, TossError, tossError } from "./errors";
import { Reply, errorReply, json, parseJsonObject, readBody, sleep } from "./http";
import type { CallCounter, PaymentRecord, ScriptEntry } from "./types";

/** Basic auth as Toss does it: `base64(secretKey + ":")`. */
export function authenticate(header: string | undefined): Auth {
  const m = /^Basic\s+(\S+)\s*$/i.exec(header ?? "");
  if (!m) throw tossError("UNAUTHORIZED_KEY");
  const decoded = Buffer.from(m[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) throw tossError("INCORRECT_BASIC_AUTH_FORMAT");
  const key = decoded.slice(0, colon);
  if (/^test_gsk_\w+$/.test(key)) return { secretKey: key, merchant: merchantOf(key) };
  if (MIXED_KIND_PREFIXES.some((p) => key.startsWith(p))) throw tossError("INVALID_API_KEY");
  throw tossError("UNAUTHORIZED_KEY"); // live_ keys, unknown and malformed keys
}

type Route =
  | { op: "confirm" }
  | { op: "get"; paymentKey: string }
  | { op: "getByOrder"; orderId: string }
  | { op: "cancel"; paymentKey: string };

function route(method: string, pathname: string): Route | undefined {
  const parts = pathname.split("/").slice(1); // ["v1", "payments", ...]
  if (parts[0] !== "v1" || parts[1] !== "payments") return undefined;
  const rest = parts.slice(2).map((s) => decodeURIComponent(s));
  if (method === "POST" && rest.length === 1 && rest[0] === "confirm") return { op: "confirm" };
  if (method === "GET" && rest.length === 2 && rest[0] === "orders" && rest[1]) return { op: "getByOrder", orderId: rest[1] };
  if (method === "GET" && rest.length === 1 && rest[0]) return { op: "get", paymentKey: rest[0] };
  if (method === "POST" && rest.length === 2 && rest[1] === "cancel" && rest[0]) return { op: "cancel", paymentKey: rest[0] };
  return undefined;
}

function scriptedError(entry: ScriptEntry): TossError | undefined {
  if (entry.code === undefined && entry.status === undefined) return undefined;
  const code = entry.code ?? "FAILED_INTERNAL_SYSTEM_PROCESSING";
  return new TossError(code, entry.message, entry.status ?? ERRORS[code]?.[0] ?? 400);
}

/** Handles `/v1/payments/**`. Returns undefined when the path is not a REST route. */
export async function handleApi(core: Core, req: IncomingMessage, res: ServerResponse, pathname: string): Promise<Reply> {
  const method = req.method ?? "GET";
  const r = route(method, pathname);
  if (!r) {
    if (method === "POST") await readBody(req, res).catch(() => undefined);
    return errorReply(tossError("NOT_FOUND"));
  }
  const auth = authenticate(req.headers.authorization);
  const raw = method === "POST" ? await readBody(req, res) : Buffer.alloc(0);

  // Which payment the request names, for the per-payment call counters.
  let rec: PaymentRecord | undefined;
  let calls: CallCounter | undefined;
  if (r.op === "confirm") {
    try {
      const key = (JSON.parse(raw.toString("utf8")) as { paymentKey?: unknown }).paymentKey;
      if (typeof key === "string") rec = core.payments.get(key);
    } catch {
      // malformed JSON: reported by the handler below
    }
    calls = rec?.meta.calls.confirm;
  } else if (r.op === "cancel") {
    rec = core.payments.get(r.paymentKey);
    calls = rec?.meta.calls.cancel;
  } else if (r.op === "get") {
    rec = core.payments.get(r.paymentKey);
    if (rec) rec.meta.calls.get++;
  }
  if (calls) {
    calls.total++;
    core.changed();
  }

  const idemHeader = req.headers["idempotency-key"];
  const idemKey = method === "POST" && typeof idemHeader === "string" && idemHeader !== "" ? idemHeader : undefined;
  if (idemKey === undefined) return run(core, auth, r, raw, req, calls);

  if (idemKey.length > IDEMPOTENCY_KEY_MAX) return errorReply(tossError("INVALID_IDEMPOTENCY_KEY"));
  const id = `${method} ${pathname}\n${auth.secretKey}\n${idemKey}`;
  const stored = core.idempotency.get(id);
  if (stored) {
    if (calls) calls.replayed++;
    return { status: stored.status, body: stored.body, contentType: "application/json; charset=utf-8" };
  }
  if (core.idempotencyInFlight.has(id)) {
    if (calls) calls.inFlightRejected++;
    return errorReply(tossError("IDEMPOTENT_REQUEST_PROCESSING"));
  }
  core.idempotencyInFlight.add(id);
  try {
    const reply = await run(core, auth, r, raw, req, calls);
    core.idempotency.set(id, {
      id,
      status: reply.status,
      body: reply.body,
      createdAtMs: core.clock.now(),
      paymentKey: rec?.payment.paymentKey ?? null,
    });
    core.changed();
    return reply;
  } finally {
    core.idempotencyInFlight.delete(id);
  }
}

async function run(
  core: Core,
  auth: Auth,
  r: Route,
  raw: Buffer,
  req: IncomingMessage,
  calls: CallCounter | undefined,
): Promise<Reply> {
  try {
    const testCode = req.headers["tosspayments-test-code"];
    if (typeof testCode === "string" && testCode.trim() !== "") {
      const code = testCode.trim();
      throw new TossError(code, ERRORS[code]?.[1] ?? `테스트 코드(${code})로 발생시킨 오류입니다.`);
    }
    switch (r.op) {
      case "get":
        return json(200, core.visible(auth, core.find(r.paymentKey)).payment);
      case "getByOrder":
        return json(200, core.visible(auth, core.findByOrder(r.orderId)).payment);
      case "confirm": {
        const parsed = confirmSchema.safeParse(parseJsonObject(raw));
        if (!parsed.success) throw invalid(parsed.error);
        const rec = core.find(parsed.data.paymentKey);
        if (rec && calls) {
          calls.executed++;
          const entry = core.takeScript(rec, "confirm");
          if (entry?.delayMs) await sleep(entry.delayMs);
          const err = entry && scriptedError(entry);
          if (err) core.failConfirm(rec, err);
        }
        const payment = core.confirm(auth, parsed.data);
        if (calls) calls.succeeded++;
        return json(200, payment);
      }
      case "cancel": {
        const parsed = cancelSchema.safeParse(parseJsonObject(raw));
        if (!parsed.success) throw invalid(parsed.error);
        const rec = core.visible(auth, core.find(r.paymentKey));
        if (calls) calls.executed++;
        const entry = core.takeScript(rec, "cancel");
        if (entry?.delayMs) await sleep(entry.delayMs);
        const err = entry && scriptedError(entry);
        if (err) throw err;
        const payment = core.cancel(auth, r.paymentKey, parsed.data);
        if (calls) calls.succeeded++;
        return json(200, payment);
      }
    }
  } catch (e) {
    if (e instanceof TossError) return errorReply(e);
    throw e;
  }
}
