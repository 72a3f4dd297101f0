import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, runtimeSecurityHeaders } from "./security-headers";

const sandbox = { appUrl: "http://localhost:3000", NODE_ENV: "production" as const, toss: { widgetSrc: "http://127.0.0.1:4100/v1/payment-widget" }, postcode: { scriptSrc: "http://127.0.0.1:4100/postcode/postcode.v2.js" } };

describe("security headers", () => {
  it("allow exactly the store, the widget's origin and the postcode script", () => {
    expect(contentSecurityPolicy(sandbox)).toBe(
      "default-src 'self'; script-src 'self' 'unsafe-inline' http://127.0.0.1:4100; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob: http://127.0.0.1:4100; font-src 'self' data:; connect-src 'self' http://127.0.0.1:4100; " +
        "frame-src http://127.0.0.1:4100; object-src 'none'; base-uri 'self'; form-action 'self' http://127.0.0.1:4100; frame-ancestors 'none'",
    );
    const live = contentSecurityPolicy({
      ...sandbox,
      appUrl: "https://shop.example",
      postcode: { scriptSrc: "https://t1.daumcdn.net/mapjsapi/bundle/postcode/prod/postcode.v2.js" },
      toss: { widgetSrc: "https://js.tosspayments.com/v1/payment-widget" },
    });
    expect(live).toContain("script-src 'self' 'unsafe-inline' https://*.tosspayments.com https://*.daumcdn.net https://*.daum.net;");
    expect(live).toContain("frame-src https://*.tosspayments.com https://*.daumcdn.net https://*.daum.net;");
    expect(live.endsWith("frame-ancestors 'none'; upgrade-insecure-requests")).toBe(true);
    expect(contentSecurityPolicy({ ...sandbox, NODE_ENV: "development" })).toContain("'unsafe-inline' 'unsafe-eval' http://127.0.0.1:4100");
  });

  it("send HSTS only when the store's public origin is https", () => {
    expect(runtimeSecurityHeaders(sandbox)["strict-transport-security"]).toBeUndefined();
    expect(runtimeSecurityHeaders({ ...sandbox, appUrl: "https://shop.example" })["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
  });
});
