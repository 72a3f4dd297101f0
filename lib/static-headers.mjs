/**
 * Headers that hold whatever the configuration, sent by next.config.mjs with every response
 * (pages, route handlers, static files). Plain JavaScript because next.config.mjs loads it without
 * a compiler. Their policy holds the directives that name no origin of the configuration; a browser
 * enforces it together with the page's meta policy (lib/security-headers.ts). HSTS is sent always:
 * browsers ignore it over plain http (RFC 6797 §8.1), so it takes effect only where the store is
 * served over https.
 * @type {readonly { key: string; value: string }[]}
 */
export const STATIC_SECURITY_HEADERS = [
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'; object-src 'none'; base-uri 'self'" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
];
