import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cacheTags } from "@/lib/cache-tags";
import RedisCacheHandler, { disconnect, isExpiredByTags } from "./redis-cache-handler.mjs";

// The shared cache on a real Redis (127.0.0.1:6379 here and in CI; REDIS_URL moves it). Each
// handler below is what one request on one server constructs; keys are this run's own.
const fetchEntry = (data: unknown) => ({ kind: "FETCH", data: { headers: {}, body: JSON.stringify(data), status: 200 }, revalidate: 60 });

describe("the Redis cache handler", () => {
  beforeAll(async () => {
    process.env.REDIS_URL ??= "redis://127.0.0.1:6379";
    process.env.REDIS_KEY_PREFIX = `jangteo-test-${randomBytes(6).toString("hex")}:`;
  });
  afterAll(() => disconnect());

  it("gives every server the entry one stored, until one of them expires its tag", async () => {
    const tea = cacheTags.product("tea");
    const serverA = new RedisCacheHandler({});
    await serverA.set("catalog:product:tea", fetchEntry({ stock: 5 }), { fetchCache: true, tags: [tea] });

    const serverB = new RedisCacheHandler({});
    const read = await serverB.get("catalog:product:tea", { kind: "FETCH", tags: [tea], softTags: [] });
    expect(read?.value).toEqual(fetchEntry({ stock: 5 }));

    await new Promise((resolve) => setTimeout(resolve, 2));
    await serverA.revalidateTag([tea], { expire: 0 });
    expect(await new RedisCacheHandler({}).get("catalog:product:tea", { kind: "FETCH", tags: [tea], softTags: [] })).toBeNull();

    // Rendered again after the change, the entry is served again.
    await new Promise((resolve) => setTimeout(resolve, 2));
    await serverB.set("catalog:product:tea", fetchEntry({ stock: 0 }), { fetchCache: true, tags: [tea] });
    expect((await serverA.get("catalog:product:tea", { kind: "FETCH", tags: [tea], softTags: [] }))?.value).toEqual(fetchEntry({ stock: 0 }));
  });

  it("expires a cached page through the tags it was rendered with, and keeps its bytes", async () => {
    const page = {
      kind: "APP_PAGE",
      html: "<p>유자차</p>",
      rscData: Buffer.from([0, 1, 2, 250]),
      segmentData: new Map([["/_tree", Buffer.from("tree")]]),
      headers: { "x-next-cache-tags": `${cacheTags.catalog},_N_T_/` },
      status: 200,
    };
    const handler = new RedisCacheHandler({});
    await handler.set("/", page, { cacheControl: { revalidate: 60, expire: 31536000 } });
    const read = await new RedisCacheHandler({}).get("/", { kind: "APP_PAGE" });
    expect(read?.value).toEqual(page);
    expect(read?.cacheControl).toEqual({ revalidate: 60, expire: 31536000 });

    await new Promise((resolve) => setTimeout(resolve, 2));
    await new RedisCacheHandler({}).revalidateTag(cacheTags.catalog);
    expect(await handler.get("/", { kind: "APP_PAGE" })).toBeNull();
  });

  it("expires an entry whose render began before its tag was expired, though it was stored after", async () => {
    const tea = cacheTags.product("slow-tea");
    const context = { kind: "FETCH", tags: [tea], softTags: [] };
    const serverA = new RedisCacheHandler({});
    // Server A misses and starts rendering with the stock as it was …
    expect(await serverA.get("catalog:product:slow-tea", context)).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 5));
    // … server B's sale of the last unit expires the tag …
    await new RedisCacheHandler({}).revalidateTag([tea], { expire: 0 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    // … and A stores its render afterwards: no server may serve it.
    await serverA.set("catalog:product:slow-tea", fetchEntry({ stock: 1 }), { fetchCache: true, tags: [tea] });
    expect(await new RedisCacheHandler({}).get("catalog:product:slow-tea", context)).toBeNull();

    // The render that began after the change is served.
    await new Promise((resolve) => setTimeout(resolve, 2));
    await serverA.set("catalog:product:slow-tea", fetchEntry({ stock: 0 }), { fetchCache: true, tags: [tea] });
    expect((await new RedisCacheHandler({}).get("catalog:product:slow-tea", context))?.value).toEqual(fetchEntry({ stock: 0 }));
  });

  it("leaves entries alone for tags changed before they were stored, or set to expire later", () => {
    expect(isExpiredByTags([{ expired: 100, stale: 100 }], 200, 300)).toBe(false);
    expect(isExpiredByTags([{ expired: 250, stale: 250 }], 200, 300)).toBe(true);
    expect(isExpiredByTags([null, { expired: 250 }], 200, 300)).toBe(true);
    expect(isExpiredByTags([{ expired: 400 }], 200, 300)).toBe(false);
    expect(isExpiredByTags([null], 200, 300)).toBe(false);
  });
});
