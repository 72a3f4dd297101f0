import { isIP } from "node:net";
import type { IncomingMessage, Server } from "node:http";
import { createServer } from "node:http";

/**
 * Set on every request from the TCP socket, overwriting anything a client sent under that name:
 * Next.js exposes no socket address to routes and actions, and its own `x-forwarded-for` keeps
 * whatever the client wrote there.
 */
export const SOCKET_ADDRESS_HEADER = "x-jangteo-socket-address";

const installed = Symbol.for("jangteo.socket-address");

/** Stamps the socket address on every request any HTTP server of this process receives. */
export function installSocketAddressHeader(): void {
  const proto = Object.getPrototypeOf(createServer()) as Server & Record<symbol, boolean>;
  if (proto[installed]) return;
  proto[installed] = true;
  const emit = proto.emit as (this: Server, event: string | symbol, ...args: unknown[]) => boolean;
  proto.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as IncomingMessage;
      request.headers[SOCKET_ADDRESS_HEADER] = request.socket?.remoteAddress ?? "";
    }
    return emit.call(this, event, ...args);
  } as Server["emit"];
}

/**
 * The client's address: from `trustedHeader` when the store runs behind a proxy that sets it
 * (the right-most entry, the one the proxy itself added), else the socket's. Never from a header
 * the operator did not name.
 */
export function clientAddressFrom(headers: Headers, trustedHeader: string | undefined): string | null {
  const raw = trustedHeader ? headers.get(trustedHeader)?.split(",").at(-1) : (headers.get(SOCKET_ADDRESS_HEADER) ?? undefined);
  const address = raw?.trim().replace(/^::ffff:/, "");
  return address && isIP(address) ? address : null;
}
