import type { Env } from "./env";

type PolicyConfig = Pick<Env, "appUrl" | "NODE_ENV"> & { toss: Pick<Env["toss"], "widgetSrc">; postcode: Pick<Env["postcode"], "scriptSrc"> };

/**
 * Origins a third-party script needs: its own, and for Toss's hosted widget every
 * *.tosspayments.com host, because the widget draws its methods and agreement in frames and calls
 * APIs on sibling hosts of the script's.
 */
function originsOf(src: string | undefined): string[] {
  if (!src) return [];
  const url = new URL(src);
  if (url.hostname === "tosspayments.com" || url.hostname.endsWith(".tosspayments.com")) return ["https://*.tosspayments.com"];
  // Kakao's postcode script comes from a daumcdn.net host and draws its search in a daum.net frame.
  if (url.hostname.endsWith(".daumcdn.net")) return ["https://*.daumcdn.net", "https://*.daum.net"];
  return [url.origin];
}

/**
 * The page's Content-Security-Policy, delivered by the root layout as a <meta http-equiv> tag
 * because it names origins from the runtime configuration (the widget, the postcode search) and a
 * response header that follows runtime settings would need proxy.ts on every request, which costs
 * the prerendered catalog a third of its throughput (README, "Running in production"). Scripts: the store's own,
 * the Toss widget and the postcode search. Inline scripts stay allowed: Next.js streams each page's
 * data as inline scripts, and the alternative, a per-request nonce, would render every catalog page
 * per request. A meta policy cannot carry frame-ancestors: STATIC_SECURITY_HEADERS' policy does.
 */
export function contentSecurityPolicy(config: PolicyConfig): string {
  const widget = originsOf(config.toss.widgetSrc);
  // The sandbox serves both scripts from one origin: name it once.
  const postcode = originsOf(config.postcode.scriptSrc).filter((origin) => !widget.includes(origin));
  const secure = new URL(config.appUrl).protocol === "https:";
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", "'self'", "'unsafe-inline'", ...(config.NODE_ENV === "development" ? ["'unsafe-eval'"] : []), ...widget, ...postcode],
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:", ...widget, ...postcode],
    ["font-src", "'self'", "data:"],
    ["connect-src", "'self'", ...widget, ...postcode],
    ["frame-src", ...(widget.length + postcode.length > 0 ? [...widget, ...postcode] : ["'none'"])],
    ["form-action", "'self'", ...widget],
    ...(secure ? [["upgrade-insecure-requests"] as [string]] : []),
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}

/**
 * Headers that hold whatever the configuration, sent by next.config.mjs with every response
 * (pages, route handlers, static files). Their policy holds the directives that name no origin of
 * the configuration; a browser enforces it together with the page's meta policy. HSTS is sent
 * always: browsers ignore it over plain http (RFC 6797 §8.1), so it takes effect only where the
 * store is served over https.
 */
export const STATIC_SECURITY_HEADERS: readonly { key: string; value: string }[] = [
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'; object-src 'none'; base-uri 'self'" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
];
