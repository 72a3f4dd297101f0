import type { MetadataRoute } from "next";
import { env } from "@/lib/env";

export default function robots(): MetadataRoute.Robots {
  return {
    rules: { userAgent: "*", allow: "/", disallow: ["/admin", "/cart", "/checkout", "/orders/", "/success", "/fail", "/api/"] },
    sitemap: `${env().appUrl}/sitemap.xml`,
  };
}
