import NextAuth from "next-auth";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { isDecodableTextActionBody } from "@/lib/action-body";
import { env } from "@/lib/env";
import { authSecret } from "@/lib/secrets";
import { runtimeSecurityHeaders } from "@/lib/security-headers";
import { authConfig } from "./auth.config";

const { auth } = NextAuth(() => ({ ...authConfig, secret: authSecret() }));
// Auth.js as a proxy of its own: its `authorized` callback sends anonymous /admin requests to sign-in.
const adminGate = auth as unknown as (request: NextRequest, event: NextFetchEvent) => Promise<Response>;

let headers: Record<string, string> | undefined;

/**
 * Sets the headers that follow the runtime configuration (the widget's origin, https): next.config.mjs
 * headers are fixed at build time. No nonce, so prerendered pages stay prerendered.
 */
function withSecurityHeaders(response: Response): Response {
  headers ??= runtimeSecurityHeaders(env());
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/**
 * serverActions.bodySizeLimit in next.config.mjs (3 MB, for product images): past it Next answers
 * 500, so refuse first.
 */
const ACTION_BODY_LIMIT_BYTES = 3 * 1024 * 1024;

const isAdminPath = (pathname: string) => pathname === "/admin" || pathname.startsWith("/admin/");

export async function proxy(request: NextRequest, event: NextFetchEvent): Promise<Response> {
  if (request.method === "POST" && request.headers.has("next-action")) {
    if (Number(request.headers.get("content-length")) > ACTION_BODY_LIMIT_BYTES) {
      return withSecurityHeaders(NextResponse.json({ error: "request too large" }, { status: 413 }));
    }
    const multipart = request.headers.get("content-type")?.startsWith("multipart/form-data");
    if (!multipart && !isDecodableTextActionBody(await request.clone().text())) {
      return withSecurityHeaders(NextResponse.json({ error: "malformed server action request" }, { status: 400 }));
    }
  }
  // Only the back office pays for reading a session; the catalog never does.
  const response = isAdminPath(request.nextUrl.pathname) ? await adminGate(request, event) : NextResponse.next();
  return withSecurityHeaders(response);
}

export const config = {
  // Pages and route handlers; not the build's static files, which run no script of ours.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
