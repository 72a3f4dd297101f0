import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { z } from "zod";
import { Core, dashboardCancelSchema, invalid } from "./core";
import { tossError } from "./errors";
import { Reply, errorReply, json, parseJsonObject, readBody } from "./http";
import { demoPage, echoPage } from "./pages";
import type { PaymentRecord } from "./types";
import { kst } from "./util";

const scriptEntry = z.object({
  status: z.number().int().min(100).max(599).optional(),
  code: z.string().min(1).max(100).optional(),
  message: z.string().max(500).optional(),
  delayMs: z.number().int().min(0).max(120_000).optional(),
});
const scriptSchema = z.object({
  confirm: z.array(scriptEntry).max(100).optional(),
  cancel: z.array(scriptEntry).max(100).optional(),
  replace: z.boolean().optional(),
});
const depositSchema = z.object({
  amount: z.number().int().positive().optional(),
  depositorName: z.string().min(1).max(60).optional(),
});
const refundModeSchema = z.object({ mode: z.enum(["COMPLETED", "PENDING"]) });
const refundResultSchema = z.object({ result: z.enum(["COMPLETED", "FAILED"]) });
const advanceSchema = z.object({ minutes: z.number().positive().max(10 * 365 * 24 * 60) });
const configSchema = z.object({
  webhookUrl: z.url().nullable().optional(),
  timeScale: z.number().positive().max(1_000_000).optional(),
  webhookTimeoutMs: z.number().int().positive().max(120_000).optional(),
});

let sdkSource: string | undefined;
function sdkFile(): string {
  if (sdkSource === undefined) {
    const require = createRequire(import.meta.url);
    const pkg = require.resolve("@tosspayments/payment-widget-sdk/package.json");
    sdkSource = readFileSync(path.join(path.dirname(pkg), "dist/index.esm.js"), "utf8");
  }
  return sdkSource;
}

export function paymentView(core: Core, rec: PaymentRecord) {
  const m = rec.meta;
  return {
    payment: rec.payment,
    sandbox: {
      merchant: m.merchant,
      clientKey: m.clientKey,
      customerKey: m.customerKey,
      successUrl: m.successUrl,
      failUrl: m.failUrl,
      authorizedAt: kst(m.authorizedAtMs),
      sessionExpiresAt: kst(m.sessionExpiresAtMs),
      calls: m.calls,
      dashboardCancels: m.dashboardCancels ?? 0,
      refundMode: m.refundMode ?? "COMPLETED",
      script: m.script,
    },
  };
}

async function body(req: IncomingMessage, res: ServerResponse): Promise<Record<string, unknown>> {
  const buf = await readBody(req, res);
  return buf.toString("utf8").trim() === "" ? {} : parseJsonObject(buf);
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success) throw invalid(r.error);
  return r.data;
}

/** `/__sandbox/**`: the bank, the clock and the test hooks. */
export async function handleControl(core: Core, req: IncomingMessage, res: ServerResponse, url: URL): Promise<Reply> {
  const method = req.method ?? "GET";
  const parts = url.pathname.split("/").slice(2).map((s) => decodeURIComponent(s)); // after "__sandbox"
  const [a, b, c] = parts;
  const is = (m: string, n: number) => method === m && parts.length === n;

  if (is("GET", 1) && a === "health") return json(200, { ok: true });
  if (is("GET", 1) && a === "demo") return demoPage();
  if (method === "GET" && a === "echo") return echoPage(url);
  if (is("GET", 2) && a === "sdk" && b === "payment-widget-sdk.js") {
    return { status: 200, body: sdkFile(), contentType: "text/javascript; charset=utf-8" };
  }
  if (is("GET", 1) && a === "banks") return json(200, { banks: core.banks() });

  if (a === "payments") {
    if (is("POST", 2) && b === "authorize") {
      const input = await body(req, res);
      if (typeof input.successUrl !== "string") throw tossError("INVALID_REQUEST", "잘못된 요청입니다. (successUrl: required)");
      const { record, successUrl } = core.authorize(input);
      return json(200, { paymentKey: record.payment.paymentKey, orderId: record.payment.orderId, successUrl, payment: record.payment });
    }
    if (is("GET", 1)) {
      const status = url.searchParams.get("status");
      const orderId = url.searchParams.get("orderId");
      const list = [...core.payments.values()]
        .filter((r) => (!status || r.payment.status === status) && (!orderId || r.payment.orderId === orderId))
        .map((r) => paymentView(core, core.find(r.payment.paymentKey) ?? r));
      return json(200, { payments: list });
    }
    const rec = b === undefined ? undefined : core.find(b);
    if (!rec) return errorReply(tossError("NOT_FOUND_PAYMENT"));
    if (is("GET", 2)) return json(200, paymentView(core, rec));
    if (is("POST", 3) && c === "script") {
      const s = parse(scriptSchema, await body(req, res));
      if (s.replace) rec.meta.script = { confirm: [], cancel: [] };
      rec.meta.script.confirm.push(...(s.confirm ?? []));
      rec.meta.script.cancel.push(...(s.cancel ?? []));
      core.changed();
      return json(200, { paymentKey: rec.payment.paymentKey, script: rec.meta.script });
    }
    if (is("POST", 3) && c === "expire") return json(200, core.expireSession(rec.payment.paymentKey));
    if (is("POST", 3) && c === "cancel") return json(200, core.dashboardCancel(rec.payment.paymentKey, parse(dashboardCancelSchema, await body(req, res))));
  }

  // A script for the payment of an order not yet approved (browser checkouts: the store confirms
  // as soon as the shopper approves, before a test could learn the paymentKey).
  if (a === "orders" && is("POST", 3) && b && c === "script") {
    return json(200, core.scriptForOrder(b, parse(scriptSchema, await body(req, res))));
  }

  if (a === "virtual-accounts" && is("POST", 3) && b) {
    switch (c) {
      case "deposit":
        return json(200, core.deposit(b, parse(depositSchema, await body(req, res))));
      case "deposit-error":
        return json(200, core.depositError(b));
      case "cancel-deposit":
        return json(200, core.cancelDeposit(b));
      case "expire":
        return json(200, core.expireVirtualAccount(b));
      case "refund-mode":
        return json(200, core.setRefundMode(b, parse(refundModeSchema, await body(req, res)).mode));
      case "refund-result":
        return json(200, core.finishRefund(b, parse(refundResultSchema, await body(req, res)).result));
    }
  }

  if (a === "clock") {
    if (is("GET", 1)) return json(200, { now: kst(core.clock.now()), nowMs: core.clock.now(), timeScale: core.clock.timeScale });
    if (is("POST", 2) && b === "advance") return json(200, core.advance(parse(advanceSchema, await body(req, res)).minutes));
  }

  if (a === "webhooks") {
    if (is("GET", 1)) {
      const q = url.searchParams;
      const list = [...core.webhooks.deliveries.values()].filter(
        (d) =>
          (!q.get("paymentKey") || d.paymentKey === q.get("paymentKey")) &&
          (!q.get("orderId") || d.orderId === q.get("orderId")) &&
          (!q.get("eventType") || d.eventType === q.get("eventType")) &&
          (!q.get("status") || d.status === q.get("status")),
      );
      return json(200, { deliveries: list });
    }
    const d = b === undefined ? undefined : core.webhooks.deliveries.get(b);
    if (!d) return errorReply(tossError("NOT_FOUND", "존재하지 않는 웹훅 전송입니다."));
    if (is("GET", 2)) return json(200, d);
    if (is("POST", 3) && c === "redeliver") return json(200, await core.webhooks.redeliver(d.id));
  }

  if (is("POST", 1) && a === "reset") {
    core.reset();
    return json(200, { ok: true });
  }

  if (a === "config" && parts.length === 1) {
    if (method === "PUT" || method === "POST") {
      const cfg = parse(configSchema, await body(req, res));
      if (cfg.webhookUrl !== undefined) core.config.webhookUrl = cfg.webhookUrl;
      if (cfg.webhookTimeoutMs !== undefined) core.config.webhookTimeoutMs = cfg.webhookTimeoutMs;
      if (cfg.timeScale !== undefined) core.setTimeScale(cfg.timeScale);
    } else if (method !== "GET") {
      return errorReply(tossError("NOT_FOUND"));
    }
    return json(200, { ...core.config, timeScale: core.clock.timeScale });
  }

  if (method === "POST" || method === "PUT") await readBody(req, res).catch(() => undefined);
  return errorReply(tossError("NOT_FOUND"));
}
