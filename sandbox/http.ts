import type { IncomingMessage, ServerResponse } from "node:http";
import { MAX_BODY_BYTES } from "./choices";
import { TossError, tossError } from "./errors";

/** A fully buffered response; REST handlers return these so idempotency can store and replay them. */
export interface Reply {
  status: number;
  body: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export function json(status: number, value: unknown, headers?: Record<string, string>): Reply {
  return { status, body: JSON.stringify(value), contentType: "application/json; charset=utf-8", headers };
}

export function errorReply(err: TossError): Reply {
  return json(err.status, err.body());
}

export function html(status: number, body: string): Reply {
  return { status, body, contentType: "text/html; charset=utf-8" };
}

export function redirect(location: string, status = 303): Reply {
  return { status, body: "", headers: { location } };
}

export function send(res: ServerResponse, reply: Reply) {
  if (res.headersSent) return;
  const headers: Record<string, string | number> = {
    "content-length": Buffer.byteLength(reply.body),
    "cache-control": "no-store",
    ...reply.headers,
  };
  if (reply.contentType) headers["content-type"] = reply.contentType;
  res.writeHead(reply.status, headers);
  res.end(reply.body);
}

function tooLargeError() {
  return new TossError("INVALID_REQUEST", `요청 본문이 너무 큽니다. (최대 ${MAX_BODY_BYTES} 바이트)`, 413);
}

const HARD_LIMIT = 8 * 1024 * 1024;

/**
 * Reads the body up to MAX_BODY_BYTES. Larger bodies are drained (so the client can read the
 * answer) and refused with 413; absurd ones are cut off.
 */
export function readBody(req: IncomingMessage, res: ServerResponse): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? "0");
    if (declared > HARD_LIMIT) {
      res.setHeader("connection", "close");
      reject(tooLargeError());
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
      if (size > HARD_LIMIT) {
        res.setHeader("connection", "close");
        reject(tooLargeError());
        req.pause();
      }
    });
    req.on("end", () => (tooLarge ? reject(tooLargeError()) : resolve(Buffer.concat(chunks))));
    req.on("error", (e) => reject(e));
  });
}

/** JSON object body or INVALID_REQUEST. */
export function parseJsonObject(buf: Buffer): Record<string, unknown> {
  const text = buf.toString("utf8").trim();
  if (text === "") throw tossError("INVALID_REQUEST", "요청 본문이 비어 있습니다.");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw tossError("INVALID_REQUEST", "요청 본문이 올바른 JSON 형식이 아닙니다.");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw tossError("INVALID_REQUEST", "요청 본문은 JSON 객체여야 합니다.");
  }
  return value as Record<string, unknown>;
}

export function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}
