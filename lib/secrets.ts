import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "./env";

let cached: string | undefined;

/**
 * The secret behind sessions and signed cookies. AUTH_SECRET in production; for local use one is
 * generated once into .data/ so that restarts (and several local processes) agree on it.
 */
export function authSecret(): string {
  if (cached) return cached;
  const config = env();
  if (config.AUTH_SECRET) return (cached = config.AUTH_SECRET);
  if (config.NODE_ENV === "production") {
    throw new Error("Missing required configuration in production: AUTH_SECRET");
  }
  const file = path.join(process.cwd(), ".data", "auth-secret");
  try {
    cached = readFileSync(file, "utf8").trim();
  } catch {
    cached = randomBytes(32).toString("base64url");
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, cached, { mode: 0o600 });
  }
  return cached;
}
