import { request as httpRequest, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { SOCKET_ADDRESS_HEADER, clientAddressFrom, installSocketAddressHeader } from "./client-address";

describe("the client's address", () => {
  it("is the socket's unless a trusted proxy header is configured; X-Forwarded-For alone is never trusted", () => {
    const spoofed = new Headers({ "x-forwarded-for": "203.0.113.7", [SOCKET_ADDRESS_HEADER]: "198.51.100.2" });
    expect(clientAddressFrom(spoofed, undefined)).toBe("198.51.100.2");
    expect(clientAddressFrom(new Headers({ "x-forwarded-for": "203.0.113.7" }), undefined)).toBeNull();
  });

  it("takes the right-most entry of the trusted header (the one the proxy added) and only an IP address", () => {
    const headers = new Headers({ "x-forwarded-for": "10.0.0.1, 203.0.113.7", "x-real-ip": "::ffff:192.0.2.9", [SOCKET_ADDRESS_HEADER]: "127.0.0.1" });
    expect(clientAddressFrom(headers, "x-forwarded-for")).toBe("203.0.113.7");
    expect(clientAddressFrom(headers, "x-real-ip")).toBe("192.0.2.9");
    expect(clientAddressFrom(new Headers({ "x-real-ip": "<script>" }), "x-real-ip")).toBeNull();
    expect(clientAddressFrom(new Headers(), "x-real-ip")).toBeNull();
  });

  it("stamps the socket address on every request, over whatever the client sent under that name", async () => {
    installSocketAddressHeader();
    const server = createServer((req, res) => res.end(String(req.headers[SOCKET_ADDRESS_HEADER])));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const body = await new Promise<string>((resolve, reject) => {
        const req = httpRequest({ host: "127.0.0.1", port, headers: { [SOCKET_ADDRESS_HEADER]: "203.0.113.7" } }, (res) => {
          let data = "";
          res.on("data", (chunk: Buffer) => (data += chunk));
          res.on("end", () => resolve(data));
        });
        req.on("error", reject);
        req.end();
      });
      expect(body).toBe("127.0.0.1");
    } finally {
      server.close();
    }
  });
});
