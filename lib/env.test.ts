import { describe, expect, it } from "vitest";
import { DatabaseConfigError, databaseSettings } from "@/db/settings";
import { ConfigError, resolveEnv, setting } from "./env";

describe("production configuration", () => {
  it("refuses a production server without AUTH_SECRET, whatever the keys", () => {
    const keys = [
      {},
      { TOSS_ALLOW_TEST_KEYS_IN_PRODUCTION: "1" },
      { TOSS_CLIENT_KEY: "test_gck_shop", TOSS_SECRET_KEY: "test_gsk_shop", TOSS_ALLOW_TEST_KEYS_IN_PRODUCTION: "1" },
      { TOSS_CLIENT_KEY: "live_gck_shop", TOSS_SECRET_KEY: "live_gsk_shop", APP_URL: "https://shop.example" },
    ];
    for (const k of keys) {
      expect(() => resolveEnv({ NODE_ENV: "production", ...k })).toThrow(new ConfigError("Missing required configuration in production: AUTH_SECRET"));
      expect(() => resolveEnv({ NODE_ENV: "production", AUTH_SECRET: " ", ...k })).toThrow(/AUTH_SECRET/);
    }
    expect(resolveEnv({ NODE_ENV: "production", AUTH_SECRET: "s", TOSS_ALLOW_TEST_KEYS_IN_PRODUCTION: "1" }).AUTH_SECRET).toBe("s");
  });

  it("lets `next build` and development run without one", () => {
    expect(() => resolveEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" })).not.toThrow();
    expect(() => resolveEnv({ NODE_ENV: "development" })).not.toThrow();
  });

  it("reads the trusted proxy header as a lower-case header name and refuses anything else", () => {
    expect(resolveEnv({ TRUSTED_PROXY_HEADER: "X-Real-IP" }).TRUSTED_PROXY_HEADER).toBe("x-real-ip");
    expect(resolveEnv({}).TRUSTED_PROXY_HEADER).toBeUndefined();
    expect(() => resolveEnv({ TRUSTED_PROXY_HEADER: "x real ip" })).toThrow(/TRUSTED_PROXY_HEADER/);
  });
});

describe("database settings", () => {
  it("validates the pool size where the database reads it and where the server starts", () => {
    expect(databaseSettings({}).DATABASE_POOL_SIZE).toBe(10);
    expect(databaseSettings({ DATABASE_POOL_SIZE: " 25 " }).DATABASE_POOL_SIZE).toBe(25);
    for (const bad of ["0", "2.5", "many"]) {
      expect(() => databaseSettings({ DATABASE_POOL_SIZE: bad })).toThrow(DatabaseConfigError);
      expect(() => resolveEnv({ DATABASE_POOL_SIZE: bad })).toThrow(new ConfigError(`Invalid configuration: DATABASE_POOL_SIZE: ${bad === "0" ? "must be at least 1" : "must be a whole number"}`));
    }
    expect(resolveEnv({ DATABASE_POOL_SIZE: "4", PGLITE_DIR: " " })).toMatchObject({ DATABASE_POOL_SIZE: 4, PGLITE_DIR: undefined });
  });

  it("reads one setting without failing on another", () => {
    expect(setting("LOG_LEVEL", { LOG_LEVEL: "debug", DATABASE_POOL_SIZE: "many" })).toBe("debug");
    expect(setting("UPLOAD_DIR", { UPLOAD_DIR: " " })).toBeUndefined();
    expect(() => setting("LOG_LEVEL", { LOG_LEVEL: "loud" })).toThrow(/LOG_LEVEL/);
  });
});
