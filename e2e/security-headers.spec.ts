import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { e2eUrls } from "./ports";

/** Every CSP violation the page reports, through the DOM event and through Chromium's console. */
function recordViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy|csp-violation/i.test(text)) violations.push(`${page.url()}: ${text}`);
  });
  void page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`csp-violation ${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  return violations;
}

test("every page carries the security headers, and its policy names the widget's origin", async ({ request }) => {
  for (const path of ["/", "/products/matcha-latte", "/cart", "/checkout", "/fail?code=USER_CANCEL"]) {
    const response = await request.get(path);
    const headers = response.headers();
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["content-security-policy"], path).toBe("frame-ancestors 'none'; object-src 'none'; base-uri 'self'");
    // Sent always; a browser honours it only over https.
    expect(headers["strict-transport-security"], path).toBe("max-age=63072000; includeSubDomains");
    const html = await response.text();
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1]?.replaceAll("&#x27;", "'") ?? "";
    expect(meta, path).toContain(`script-src 'self' 'unsafe-inline' ${e2eUrls.sandbox}`);
    expect(meta, path).toContain(`form-action 'self' ${e2eUrls.sandbox}`);
    // A meta policy covers what is parsed after it: it is in the head, before every inline script
    // and all content; the only scripts before it are the build's own chunks.
    const metaAt = html.indexOf("<meta http-equiv");
    expect(metaAt, path).toBeGreaterThan(0);
    expect(metaAt, path).toBeLessThan(html.indexOf("</head>"));
    const scriptsBefore = html.slice(0, metaAt).match(/<script[^>]*>/g) ?? [];
    for (const tag of scriptsBefore) expect(tag, path).toMatch(/^<script src="\/_next\/static\/[^"]+" async="">$/);
  }
});

test("a card checkout works under the CSP with no violation reported", async ({ checkout, page }) => {
  const violations = recordViolations(page);
  const payment = await checkout.start("yuja-tea");
  const { orderId } = payment;
  await payment.approve();
  await expect(page).toHaveURL(new RegExp(`/orders/${orderId}$`));
  await expect(page.getByTestId("order-status")).toHaveText("결제 완료");
  expect(violations).toEqual([]);
});

test("another origin cannot frame the store", async ({ page }) => {
  await page.route("http://attacker.test/prize", (route) => route.fulfill({ contentType: "text/html", body: "<p>prize</p>" }));
  await page.route("http://attacker.test/", (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<h1>win a prize</h1>
        <iframe name="store" src="${e2eUrls.app}/products/matcha-latte" width="800" height="600"></iframe>
        <iframe name="control" src="http://attacker.test/prize"></iframe>`,
    }),
  );
  await page.goto("http://attacker.test/");
  await expect(page.getByRole("heading", { name: "win a prize" })).toBeVisible();
  // The control frame, a page without our headers, loads: framing works in this browser.
  await expect(page.frameLocator('iframe[name="control"]').getByText("prize")).toBeVisible();
  await expect.poll(() => page.frame({ name: "store" })?.url()).toBe("chrome-error://chromewebdata/");
  await expect(page.frameLocator('iframe[name="store"]').getByRole("button", { name: "장바구니 담기" })).toHaveCount(0);
});

test("GET /api/health answers 200 for a load balancer and tells no secret", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toContain("no-store");
  const body = await response.json();
  expect(body).toMatchObject({ ok: true, database: "up" });
  expect(body.migrations.applied).toBe(body.migrations.expected);
  expect(JSON.stringify(body)).not.toMatch(/postgres:|pglite|secret|password|127\.0\.0\.1/i);
});
