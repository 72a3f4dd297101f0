import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // The real package throws outside React Server Components; tests run lib/ code in Node.
      "server-only": path.resolve(import.meta.dirname, "lib/testing/server-only-stub.ts"),
    },
  },
  test: {
    include: ["{lib,db,sandbox,app,components}/**/*.test.ts"],
    environment: "node",
    // Every test file gets its own database (in-memory PGlite, or a fresh PostgreSQL database
    // when DATABASE_URL is set) and its own sandbox process state: see lib/testing/setup.ts.
    globalSetup: ["lib/testing/global-setup.ts"],
    setupFiles: ["lib/testing/setup.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
