// Types for redis-cache-handler.mjs (plain JavaScript so that `next start` can import it as is).
export type TagState = { stale?: number; expired?: number };
export function isExpiredByTags(states: Array<TagState | null>, lastModified: number, now: number): boolean;
export function disconnect(): Promise<void>;
export default class RedisCacheHandler {
  constructor(ctx: { serverDistDir?: string });
  get(key: string, ctx: { kind?: string; tags?: string[]; softTags?: string[] }): Promise<{ value: unknown; lastModified: number; cacheControl?: unknown } | null>;
  set(key: string, data: unknown, ctx: { fetchCache?: boolean; tags?: string[]; cacheControl?: unknown }): Promise<void>;
  revalidateTag(tags: string | string[], durations?: { expire?: number }): Promise<void>;
  resetRequestCache(): void;
}
