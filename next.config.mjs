/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: ["@electric-sql/pglite"],
  // `next dev` blocks its dev resources for origins other than localhost unless listed.
  allowedDevOrigins: ["127.0.0.1"],
  poweredByHeader: false,
  images: { unoptimized: false },
  experimental: {
    // Catalog pages are cached in each server's memory only: a restarted server, or one pointed
    // at another database, never serves pages rendered from an earlier run's data.
    isrFlushToDisk: false,
  },
};

export default nextConfig;
