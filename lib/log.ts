import pino from "pino";
import { setting } from "./env";

/**
 * The store's one logger: JSON lines on stdout, so that a log collector can follow one order
 * through /success, webhooks and the sweeper by its `orderId` field. LOG_LEVEL sets the level
 * (default info; tests default to warn to keep their output readable).
 */
export const log = pino({
  level: setting("LOG_LEVEL") ?? (process.env.VITEST ? "warn" : "info"),
  base: { app: "jangteo" },
  redact: { paths: ["secret", "*.secret", "password", "*.password"], censor: "[redacted]" },
});

/** A logger whose every line names the order: use it on every money-path line. */
export function orderLog(orderId: string) {
  return log.child({ orderId });
}
