import { describe, expect, it } from "vitest";
import nextConfig from "@/next.config.mjs";
import { contentSecurityPolicy, STATIC_SECURITY_HEADERS } from "./security-headers";

const sandbox = { appUrl: "http://localhost:3000", NODE_ENV: "production" as const, toss: { widgetSrc: "http://127.0.0.1:4100/v1/payment-widget" }, postcode: { scriptSrc: "http://127.0.0.1:4100/postcode/postcode.v2.js" } };

describe("security headers", () => {
  it("allow exactly the store, the widget's origin and the postcode script", () => {
    expect(contentSecurityPolicy(sandbox)).toBe(
      "default-src 'self'; script-src 'self' 'unsafe-inline' http://127.0.0.1:4100; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob: http://127.0.0.1:4100; font-src 'self' data:; connect-src 'self' http://127.0.0.1:4100; " +
        "frame-src http://127.0.0.1:4100; form-action 'self' http://127.0.0.1:4100",
    );
    const live = contentSecurityPolicy({
      ...sandbox,
      appUrl: "https://shop.example",
      postcode: { scriptSrc: "https://t1.daumcdn.net/mapjsapi/bundle/postcode/prod/postcode.v2.js" },
      toss: { widgetSrc: "https://js.tosspayments.com/v1/payment-widget" },
    });
    expect(live).toContain("script-src 'self' 'unsafe-inline' https://*.tosspayments.com https://*.daumcdn.net https://*.daum.net;");
    expect(live).toContain("frame-src https://*.tosspayments.com https://*.daumcdn.net https://*.daum.net;");
    expect(live.endsWith("form-action 'self' https://*.tosspayments.com; upgrade-insecure-requests")).toBe(true);
    expect(contentSecurityPolicy({ ...sandbox, NODE_ENV: "development" })).toContain("'unsafe-inline' 'unsafe-eval' http://127.0.0.1:4100");
  });

  it("leave to the header what a meta policy cannot carry", () => {
    const headerPolicy = STATIC_SECURITY_HEADERS.find((h) => h.key === "Content-Security-Policy")!.value;
    expect(headerPolicy).toBe("frame-ancestors 'none'; object-src 'none'; base-uri 'self'");
    // Two policies are both enforced: the header's must name no directive the page's sets.
    const names = (policy: string) => policy.split(";").map((d) => d.trim().split(" ")[0]);
    expect(names(contentSecurityPolicy(sandbox)).filter((n) => names(headerPolicy).includes(n))).toEqual([]);
  });

  it("are what next.config sends with every response", async () => {
    const rules = await nextConfig.headers!();
    expect(rules).toEqual([{ source: "/:path*", headers: [...STATIC_SECURITY_HEADERS] }]);
  });
});
