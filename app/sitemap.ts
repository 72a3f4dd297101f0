import type { MetadataRoute } from "next";
import { listActiveProducts } from "@/lib/catalog";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const base = env().appUrl;
  const products = await listActiveProducts();
  return [
    { url: `${base}/`, changeFrequency: "daily", priority: 1 },
    ...products.map((p) => ({ url: `${base}/products/${p.slug}`, lastModified: p.updatedAt, changeFrequency: "weekly" as const, priority: 0.8 })),
  ];
}
