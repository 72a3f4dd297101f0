import { RETRY_AFTER_SECONDS } from "@/lib/admission";
import { db } from "@/db/client";
import { MAX_WEBHOOK_BODY_BYTES, receivePaymentWebhook } from "@/lib/webhooks/receive";

/** TossPayments webhooks (docs/toss.md §3): read the body with a size limit, hand it to lib/webhooks. */
export async function POST(request: Request): Promise<Response> {
  const { text, tooLarge } = await readLimited(request, MAX_WEBHOOK_BODY_BYTES);
  const answer = await receivePaymentWebhook(db, text, request.headers, { tooLarge });
  // no-transform: a few bytes of JSON are not worth gzipping (it costs more CPU than the DB work).
  const headers: Record<string, string> = { "cache-control": "no-store, no-transform" };
  if (answer.status === 503) headers["retry-after"] = String(RETRY_AFTER_SECONDS);
  return Response.json(answer.body, { status: answer.status, headers });
}

/** Stops reading past `limit` bytes, so a huge body costs neither memory nor time. */
async function readLimited(request: Request, limit: number): Promise<{ text: string; tooLarge: boolean }> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) {
    await request.body?.cancel().catch(() => undefined);
    return { text: "", tooLarge: true };
  }
  if (!request.body) return { text: "", tooLarge: false };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return { text: new TextDecoder().decode(chunks[0] ?? new Uint8Array()), tooLarge: true };
    }
    chunks.push(value);
  }
  return { text: Buffer.concat(chunks).toString("utf8"), tooLarge: false };
}
