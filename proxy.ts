import NextAuth from "next-auth";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { isDecodableTextActionBody } from "@/lib/action-body";
import { authSecret } from "@/lib/secrets";
import { authConfig } from "./auth.config";

const { auth } = NextAuth(() => ({ ...authConfig, secret: authSecret() }));
// Auth.js as a proxy of its own: its `authorized` callback sends anonymous /admin requests to sign-in.
const adminGate = auth as unknown as (request: NextRequest, event: NextFetchEvent) => Promise<Response>;

/**
 * serverActions.bodySizeLimit in next.config.mjs (3 MB, for product images): past it Next answers
 * 500, so refuse first.
 */
const ACTION_BODY_LIMIT_BYTES = 3 * 1024 * 1024;

/** Runs only where `config.matcher` sends it: the back office and server-action requests. */
export async function proxy(request: NextRequest, event: NextFetchEvent): Promise<Response> {
  if (request.method === "POST" && request.headers.has("next-action")) {
    if (Number(request.headers.get("content-length")) > ACTION_BODY_LIMIT_BYTES) {
      return NextResponse.json({ error: "request too large" }, { status: 413 });
    }
    const multipart = request.headers.get("content-type")?.startsWith("multipart/form-data");
    if (!multipart && !isDecodableTextActionBody(await request.clone().text())) {
      return NextResponse.json({ error: "malformed server action request" }, { status: 400 });
    }
  }
  const { pathname } = request.nextUrl;
  if (pathname === "/admin" || pathname.startsWith("/admin/")) return withoutSessionCookie(await adminGate(request, event));
  return NextResponse.next();
}

const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?=/;

/**
 * Auth.js re-issues the session cookie on every request it gates (a sliding expiry). The gate only
 * reads it: re-issued by an admin request still in flight at sign-out (a link prefetch), the
 * cookie would bring the signed-out session back, and sliding would stretch a session past the
 * 8 hours it is given at sign-in.
 */
function withoutSessionCookie(response: Response): Response {
  const cookies = response.headers.getSetCookie();
  if (!cookies.some((c) => SESSION_COOKIE.test(c))) return response;
  const headers = new Headers(response.headers);
  headers.delete("set-cookie");
  for (const cookie of cookies) if (!SESSION_COOKIE.test(cookie)) headers.append("set-cookie", cookie);
  return new NextResponse(response.body, { status: response.status, statusText: response.statusText, headers });
}

export const config = {
  // Every other request (the catalog above all) skips the proxy: running it costs a prerendered
  // page about a third of its throughput (README, "Running in production"). The security headers do not need
  // it: next.config.mjs sends the fixed ones, the root layout the page's policy.
  matcher: ["/admin/:path*", { source: "/:path*", has: [{ type: "header", key: "next-action" }] }],
};
