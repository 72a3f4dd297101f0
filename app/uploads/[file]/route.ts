import { readUploadedImage } from "@/lib/products/images";

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const image = await readUploadedImage((await params).file);
  if (!image) return new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(image.bytes), {
    headers: {
      "Content-Type": image.contentType,
      // Names are content hashes: a file never changes under its name.
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'",
    },
  });
}
