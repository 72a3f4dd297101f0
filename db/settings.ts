import { z } from "zod";

/**
 * The database's settings, validated here because db/ may not import lib/ while the connection
 * opens on the first query, from the server, a script or a test alike. lib/env.ts spreads this
 * schema into the store's configuration, so a bad value also stops the server at start-up with
 * the store's other configuration errors.
 */
export const databaseSettingsSchema = z.object({
  /** PostgreSQL URL; unset → embedded PGlite. Its form is checked when connecting, with its own messages. */
  DATABASE_URL: z
    .string()
    .trim()
    .transform((v) => (v === "" ? undefined : v))
    .optional(),
  /** Connections each server process keeps to PostgreSQL at most. */
  DATABASE_POOL_SIZE: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").min(1, "must be at least 1").max(1000, "must be at most 1000").default(10),
  ),
  /** Where embedded PGlite keeps its data; `memory://` for throwaway runs. */
  PGLITE_DIR: z
    .string()
    .trim()
    .transform((v) => (v === "" ? undefined : v))
    .optional(),
  /** A migrated PGlite snapshot each in-memory test database starts from (lib/testing/global-setup.ts). */
  PGLITE_TEMPLATE: z
    .string()
    .transform((v) => (v === "" ? undefined : v))
    .optional(),
});

export type DatabaseSettings = z.output<typeof databaseSettingsSchema>;

export class DatabaseConfigError extends Error {}

/** The settings from the environment, read each time the connection opens (tests point it at a fresh database). */
export function databaseSettings(source: Record<string, string | undefined> = process.env): DatabaseSettings {
  const parsed = databaseSettingsSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DatabaseConfigError(`Invalid configuration: ${issue.path.join(".")}: ${issue.message}`);
  }
  return parsed.data;
}
