/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: ["@electric-sql/pglite"],
  // `next dev` blocks its dev resources for origins other than localhost unless listed.
  allowedDevOrigins: ["127.0.0.1"],
  poweredByHeader: false,
  images: { unoptimized: false },
  // Product images up to 2 MiB (lib/products/images.ts) arrive through a server action, plus the form's other fields.
  experimental: { serverActions: { bodySizeLimit: "3mb" } },
};

export default nextConfig;
