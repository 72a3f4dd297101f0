import type { APIRequestContext, Request } from "@playwright/test";
import { e2eUrls } from "./ports";

/** Whether a browser request is a server-action POST (what a form with a server action sends). */
export function isActionPost(request: Request): boolean {
  return request.method() === "POST" && Boolean(request.headers()["next-action"]);
}

/**
 * Sends a captured server-action request again from another client (another session, or none),
 * optionally with its body rewritten, and returns what the server answered.
 */
export async function replayAction(client: APIRequestContext, original: Request, rewrite: (body: string) => string = (body) => body) {
  const headers = original.headers();
  const body = rewrite(original.postDataBuffer()!.toString("utf8"));
  const response = await client.post(new URL(original.url()).pathname, {
    headers: { "next-action": headers["next-action"]!, "content-type": headers["content-type"]!, accept: "text/x-component" },
    data: Buffer.from(body, "utf8"),
    maxRedirects: 0,
  });
  return { status: response.status(), location: response.headers().location?.replace(e2eUrls.app, ""), text: await response.text() };
}
