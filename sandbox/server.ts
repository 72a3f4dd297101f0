import http from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { handleApi } from "./api";
import { handleControl } from "./control";
import { Core } from "./core";
import { TossError, tossError } from "./errors";
import { Reply, errorReply, readBody, send } from "./http";
import { decidePayment, homePage, paymentWindow } from "./pages";
import { postcodeScript } from "./postcode";
import { widgetScript } from "./widget";

export interface SandboxOptions {
  /** 0 = any free port (default 4100). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Where state.json lives; undefined = in memory only. */
  dataDir?: string;
  /** Where webhooks go; undefined = recorded but not sent until one is configured. */
  webhookUrl?: string;
  /** 1 = real time; 60 = one real second per sandbox minute (webhook retries and expiry). */
  timeScale?: number;
  /** Webhook request timeout in real milliseconds (default 10 000, Toss's). */
  webhookTimeoutMs?: number;
}

export interface RunningSandbox {
  url: string;
  close(): Promise<void>;
  /** The in-process state, for tests that want to look inside. */
  core: Core;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const core = new Core(options);
  const server = http.createServer((req, res) => {
    handle(core, req, res).catch((err: unknown) => {
      const reply = err instanceof TossError ? errorReply(err) : errorReply(tossError("FAILED_INTERNAL_SYSTEM_PROCESSING"));
      if (!(err instanceof TossError) && !(err instanceof URIError)) process.emitWarning(`sandbox: ${String(err)}`);
      try {
        send(res, err instanceof URIError ? errorReply(tossError("INVALID_REQUEST")) : reply);
      } catch {
        res.destroy();
      }
    });
  });
  server.keepAliveTimeout = 5_000;
  server.on("clientError", (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n{"code":"INVALID_REQUEST","message":"잘못된 요청입니다."}');
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 4100, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === "IPv6" ? `[${addr.address}]` : addr.address;
  const url = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${addr.port}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    core,
    close() {
      closing ??= (async () => {
        await core.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}

async function handle(core: Core, req: http.IncomingMessage, res: http.ServerResponse) {
  const url = new URL(req.url ?? "/", "http://sandbox.invalid");
  const method = req.method ?? "GET";
  let reply: Reply;
  if (url.pathname.startsWith("/v1/payments/") || url.pathname === "/v1/payments") {
    reply = await handleApi(core, req, res, url.pathname);
  } else if (url.pathname === "/v1/payment-widget" && (method === "GET" || method === "HEAD")) {
    sendScript(req, res, widgetScript(`http://${req.headers.host ?? "127.0.0.1"}`));
    return;
  } else if (url.pathname === "/postcode/postcode.v2.js" && (method === "GET" || method === "HEAD")) {
    sendScript(req, res, postcodeScript());
    return;
  } else if (url.pathname.startsWith("/__sandbox/") || url.pathname === "/__sandbox") {
    reply = await handleControl(core, req, res, url);
  } else if (url.pathname === "/payment-window" && method === "GET") {
    reply = paymentWindow(core, url);
  } else if (url.pathname === "/payment-window" && method === "POST") {
    const form = new URLSearchParams((await readBody(req, res)).toString("utf8"));
    reply = decidePayment(core, url, form);
  } else if (url.pathname === "/" && method === "GET") {
    reply = homePage(core);
  } else {
    if (method === "POST" || method === "PUT") await readBody(req, res).catch(() => undefined);
    reply = errorReply(tossError("NOT_FOUND"));
  }
  send(res, reply);
}

const compressed = new Map<string, Buffer>();

/** A script as a CDN serves it: gzip when the browser takes it, cacheable for a few minutes. */
function sendScript(req: http.IncomingMessage, res: http.ServerResponse, body: string) {
  const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  let bytes: Buffer = Buffer.from(body);
  if (gzip) {
    const cached = compressed.get(body) ?? gzipSync(bytes);
    if (compressed.size > 16) compressed.clear();
    compressed.set(body, cached);
    bytes = cached;
  }
  res.writeHead(200, {
    "content-type": "text/javascript; charset=utf-8",
    "content-length": bytes.length,
    "cache-control": "public, max-age=300",
    "access-control-allow-origin": "*",
    vary: "accept-encoding",
    ...(gzip ? { "content-encoding": "gzip" } : {}),
  });
  res.end(req.method === "HEAD" ? undefined : bytes);
}
