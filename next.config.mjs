// The store's configuration stays plain JavaScript (typed through JSDoc) so that Next loads it as
// it is, without compiling a TypeScript config first.
import path from "node:path";
import { STATIC_SECURITY_HEADERS } from "./lib/static-headers.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: ["@electric-sql/pglite"],
  // `next dev` blocks its dev resources for origins other than localhost unless listed.
  allowedDevOrigins: ["127.0.0.1"],
  poweredByHeader: false,
  images: { unoptimized: false },
  // Several servers (README, "Several instances behind a load balancer"): with REDIS_URL set when `next start` runs, the
  // page and data cache and its expired tags live in Redis, shared by all of them.
  ...(process.env.REDIS_URL ? { cacheHandler: path.resolve("lib/cache/redis-cache-handler.mjs"), cacheMaxMemorySize: 0 } : {}),
  // Lets a browser holding pages of one release ask for a hard reload rather than mix releases;
  // as the build id too, servers built apart from one release share cache keys.
  deploymentId: process.env.NEXT_DEPLOYMENT_ID?.trim() || undefined,
  generateBuildId: async () => process.env.NEXT_DEPLOYMENT_ID?.trim() || null,
  async headers() {
    return [{ source: "/:path*", headers: [...STATIC_SECURITY_HEADERS] }];
  },
  experimental: {
    // Catalog pages are cached in each server's memory only: a restarted server, or one pointed
    // at another database, never serves pages rendered from an earlier run's data.
    isrFlushToDisk: false,
    // Product images up to 2 MiB (lib/products/images.ts) arrive through a server action, plus the
    // form's other fields; proxy.ts refuses larger bodies with the same limit.
    serverActions: { bodySizeLimit: "3mb" },
  },
};

export default nextConfig;
