// @ts-check
// Next.js's cache (ISR pages and unstable_cache data) in Redis, so several servers share one
// cache and one set of expired tags. next.config.mjs names this file only when REDIS_URL is set.
//
// Written here, after the shape of Next's own examples/cache-handler-redis, because none of the
// packages fits today: @neshca/cache-handler (the example's base) stops at Next 14,
// @fortedigital/nextjs-cache-handler needs Node 22 (we run 20), and
// @trieb.work/nextjs-turbo-redis-cache pins redis 4.7. The client is the official `redis`.
//
// Plain JavaScript because `next start` imports this file as is, without compiling it.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createClient } from "redis";

const TAGS_HEADER = "x-next-cache-tags";
/** A page or data entry nobody read for this long is dropped by Redis; it is rendered again. */
const ENTRY_TTL_SECONDS = 7 * 24 * 3600;

/** @typedef {{ stale?: number, expired?: number }} TagState */

/** @type {{ client: ReturnType<typeof createClient>, ready: Promise<unknown> } | undefined} */
let shared;

function redis() {
  if (!shared) {
    const client = createClient({
      url: process.env.REDIS_URL,
      // While Redis is away, fail each command at once (a cache miss: the page is rendered from
      // the database) rather than queueing requests behind a reconnect.
      disableOfflineQueue: true,
      socket: { connectTimeout: 2_000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2_000) },
    });
    let lastError = 0;
    client.on("error", (error) => {
      // One line every few seconds, not one per reconnect attempt.
      if (Date.now() - lastError < 5_000) return;
      lastError = Date.now();
      console.error(JSON.stringify({ level: 50, msg: "shared cache: Redis unreachable, rendering without it", err: String(error) }));
    });
    shared = { client, ready: client.connect().catch(() => {}) };
  }
  return shared;
}

/**
 * Keys belong to one build: a new release never serves pages rendered by the previous one, and
 * two builds running side by side during a rollout keep apart.
 * @param {string | undefined} serverDistDir
 */
function keyPrefix(serverDistDir) {
  let buildId = "dev";
  try {
    if (serverDistDir) buildId = readFileSync(join(dirname(serverDistDir), "BUILD_ID"), "utf8").trim();
  } catch {}
  return `${process.env.REDIS_KEY_PREFIX ?? "jangteo:"}${buildId}:`;
}

// JSON keeps neither Buffers (RSC payloads, route bodies, images) nor Maps (segment data).
/** @param {string} key @param {unknown} value @this {any} */
function replacer(key, value) {
  const original = this[key];
  if (Buffer.isBuffer(original)) return { __buffer: original.toString("base64") };
  if (original instanceof Map) return { __map: [...original.entries()] };
  return value;
}

/** @param {string} _key @param {any} value */
function reviver(_key, value) {
  if (value && typeof value === "object") {
    if (typeof value.__buffer === "string") return Buffer.from(value.__buffer, "base64");
    if (Array.isArray(value.__map)) return new Map(value.__map);
  }
  return value;
}

/** @param {any} ctx @param {any} data */
function tagsOf(ctx, data) {
  const tags = [...(ctx?.tags ?? []), ...(ctx?.softTags ?? [])];
  const header = data?.value?.headers?.[TAGS_HEADER];
  if (typeof header === "string" && header) tags.push(...header.split(","));
  return [...new Set(tags)];
}

/**
 * Whether a tag change since `lastModified` makes the entry unusable. A tag only marked stale
 * (revalidateTag with a long `expire`) counts as expired too: the next request renders fresh
 * rather than serving the old page once more; this store expires its tags at once anyway.
 * @param {Array<TagState | null>} states @param {number} lastModified @param {number} now
 */
export function isExpiredByTags(states, lastModified, now) {
  return states.some((state) => {
    if (!state) return false;
    if (typeof state.expired === "number" && state.expired <= now && state.expired > lastModified) return true;
    return typeof state.stale === "number" && state.stale > lastModified;
  });
}

/**
 * When this process began each render that is still to be stored, by key: the time of the cache
 * miss that started it. An entry is stored as of that time, not of its storing, so that a tag
 * expired while it was rendering (a stock change committed after the render read the stock)
 * still expires it. Stamped at storing time instead, a render slowed by a 타임딜's load stored
 * 품절 임박 after the sell-out had expired its tag, and other servers served it as fresh.
 * @type {Map<string, number[]>}
 */
const rendersSince = new Map();
/** A miss older than this had no render stored after it (an error, or a hit in between). */
const RENDER_LIMIT_MS = 60_000;

/** @param {string} key */
function noteMiss(key) {
  const now = Date.now();
  const times = (rendersSince.get(key) ?? []).filter((t) => now - t < RENDER_LIMIT_MS);
  // Next renders a page once per process however many requests wait for it; data entries may
  // be computed by several at once. The earliest miss stands for the render stored first.
  if (times.length < 32) times.push(now);
  rendersSince.set(key, times);
}

/** @param {string} key */
function renderStartedAt(key) {
  const now = Date.now();
  const times = (rendersSince.get(key) ?? []).filter((t) => now - t < RENDER_LIMIT_MS);
  const started = times.shift();
  if (times.length > 0) rendersSince.set(key, times);
  else rendersSince.delete(key);
  return started ?? now;
}

/** Closes this process's connection (tests; a server keeps it for its lifetime). */
export async function disconnect() {
  const current = shared;
  shared = undefined;
  if (current?.client.isOpen) await current.client.close();
}

/** @param {string} key @returns {null} */
function miss(key) {
  noteMiss(key);
  return null;
}

export default class RedisCacheHandler {
  /** @param {{ serverDistDir?: string }} ctx */
  constructor(ctx) {
    this.prefix = keyPrefix(ctx?.serverDistDir);
    this.tagsKey = `${this.prefix}tags`;
  }

  /** @param {string} key @param {any} ctx */
  async get(key, ctx) {
    const { client, ready } = redis();
    await ready;
    try {
      const raw = await client.get(this.prefix + key);
      if (!raw) return miss(this.prefix + key);
      const entry = JSON.parse(raw, reviver);
      const tags = tagsOf(ctx, entry);
      if (tags.length > 0) {
        const states = (await client.hmGet(this.tagsKey, tags)).map((s) => (s ? /** @type {TagState} */ (JSON.parse(s)) : null));
        if (isExpiredByTags(states, entry.lastModified, Date.now())) return miss(this.prefix + key);
      }
      return entry;
    } catch {
      return miss(this.prefix + key);
    }
  }

  /** @param {string} key @param {any} data @param {any} ctx */
  async set(key, data, ctx) {
    const { client, ready } = redis();
    await ready;
    const entry = { value: data, lastModified: renderStartedAt(this.prefix + key), cacheControl: ctx?.fetchCache ? undefined : ctx?.cacheControl };
    try {
      await client.set(this.prefix + key, JSON.stringify(entry, replacer), { expiration: { type: "EX", value: ENTRY_TTL_SECONDS } });
    } catch {}
  }

  /** @param {string | string[]} tags @param {{ expire?: number }} [durations] */
  async revalidateTag(tags, durations) {
    const list = typeof tags === "string" ? [tags] : tags;
    if (list.length === 0) return;
    const { client, ready } = redis();
    await ready;
    const now = Date.now();
    // Same meaning as Next's own in-memory tags manifest: stale now, expired after `expire`.
    const state = durations ? { stale: now, ...(durations.expire !== undefined ? { expired: now + durations.expire * 1000 } : {}) } : { expired: now };
    // Every server reads tag states from Redis on each cache read, so the change holds for all
    // of them as soon as this write returns. A failure is thrown: the caller logs it.
    await client.hSet(
      this.tagsKey,
      Object.fromEntries(list.map((tag) => [tag, JSON.stringify(state)])),
    );
  }

  resetRequestCache() {}
}
