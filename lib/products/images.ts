import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { setting } from "@/lib/env";

/** Largest product image accepted, in bytes (2 MiB: plenty for a 2000 px JPEG or WebP). */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

export type ImageType = { ext: "png" | "jpg" | "webp"; contentType: string };
const TYPES = {
  png: { ext: "png", contentType: "image/png" },
  jpg: { ext: "jpg", contentType: "image/jpeg" },
  webp: { ext: "webp", contentType: "image/webp" },
} as const satisfies Record<string, ImageType>;

/** Where uploads live: UPLOAD_DIR, default .data/uploads under the working directory. */
export function uploadDir(): string {
  return path.resolve(setting("UPLOAD_DIR") ?? path.join(process.cwd(), ".data", "uploads"));
}

/**
 * The image type by its first bytes, never by the name or the browser's word for it: PNG, JPEG
 * or WebP, or null (SVG, HTML and everything else, which could carry scripts).
 */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  const starts = (sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return TYPES.png;
  if (starts([0xff, 0xd8, 0xff])) return TYPES.jpg;
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return TYPES.webp;
  return null;
}

export type SavedImage = { ok: true; path: string } | { ok: false; message: string };

/**
 * Checks an upload by content and size and stores it under a name made from its hash, so the
 * same picture is stored once and a served file never changes (it may be cached for a year).
 */
export async function saveProductImage(bytes: Uint8Array): Promise<SavedImage> {
  if (bytes.byteLength === 0) return { ok: false, message: "이미지 파일을 골라 주세요" };
  if (bytes.byteLength > MAX_IMAGE_BYTES) return { ok: false, message: "이미지는 2MB 이하만 올릴 수 있어요" };
  const type = sniffImageType(bytes);
  if (!type) return { ok: false, message: "PNG, JPEG, WebP 이미지만 올릴 수 있어요" };
  const name = `${createHash("sha256").update(bytes).digest("hex").slice(0, 32)}.${type.ext}`;
  const dir = uploadDir();
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, name), bytes);
  return { ok: true, path: `/uploads/${name}` };
}

/** Only names saveProductImage makes: no dots to climb out, no other extensions. */
const UPLOAD_NAME = /^[a-f0-9]{32}\.(png|jpg|webp)$/;

/** A stored upload and its content type, or null for any name saveProductImage would not make. */
export async function readUploadedImage(name: string): Promise<{ bytes: Buffer; contentType: string } | null> {
  const match = UPLOAD_NAME.exec(name);
  if (!match) return null;
  try {
    const bytes = await readFile(path.join(uploadDir(), name));
    const type = sniffImageType(bytes);
    return type ? { bytes, contentType: type.contentType } : null;
  } catch {
    return null;
  }
}
