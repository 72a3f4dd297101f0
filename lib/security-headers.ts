import type { Env } from "./env";

type HeaderConfig = Pick<Env, "appUrl" | "NODE_ENV"> & { toss: Pick<Env["toss"], "widgetSrc">; postcode: Pick<Env["postcode"], "scriptSrc"> };

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
 * The Content-Security-Policy the store sends with every page. Scripts: the store's own, the Toss
 * widget and the postcode search. Inline scripts stay allowed: Next.js streams each page's data as
 * inline scripts, and the alternative, a per-request nonce, would render every catalog page per
 * request; object-src, base-uri, form-action and frame-ancestors shut the usual ways around that.
 */
export function contentSecurityPolicy(config: HeaderConfig): string {
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
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'", ...widget],
    ["frame-ancestors", "'none'"],
    ...(secure ? [["upgrade-insecure-requests"] as [string]] : []),
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}

/**
 * Headers that depend on the runtime configuration (proxy.ts sets them on every page). The ones
 * that do not (frame, sniffing, referrer) are in next.config.mjs, for every response.
 */
export function runtimeSecurityHeaders(config: HeaderConfig): Record<string, string> {
  const headers: Record<string, string> = { "content-security-policy": contentSecurityPolicy(config) };
  if (new URL(config.appUrl).protocol === "https:") headers["strict-transport-security"] = "max-age=63072000; includeSubDomains";
  return headers;
}
