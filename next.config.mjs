/**
 * Headers that hold whatever the configuration: no framing by another origin (Toss's payment
 * window is a redirect, not a frame of ours), no MIME sniffing, origins only in Referer. The
 * Content-Security-Policy and HSTS follow runtime settings (TOSS_WIDGET_SRC, APP_URL), which this
 * file cannot see after the build: proxy.ts sets those.
 */
const securityHeaders = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: ["@electric-sql/pglite"],
  // `next dev` blocks its dev resources for origins other than localhost unless listed.
  allowedDevOrigins: ["127.0.0.1"],
  poweredByHeader: false,
  images: { unoptimized: false },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
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
