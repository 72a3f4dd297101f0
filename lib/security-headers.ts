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

export { STATIC_SECURITY_HEADERS } from "./static-headers.mjs";
