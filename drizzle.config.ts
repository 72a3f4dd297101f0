import { defineConfig } from "drizzle-kit";

// drizzle-kit generate needs only the dialect; db:studio talks to DATABASE_URL, or to the
// embedded database when none is set (stop `npm run dev` first: PGlite is single-process).
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: "./db/migrations",
  ...(process.env.DATABASE_URL
    ? { dbCredentials: { url: process.env.DATABASE_URL } }
    : { driver: "pglite", dbCredentials: { url: process.env.PGLITE_DIR ?? "./.data/pglite" } }),
});
