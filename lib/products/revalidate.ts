import { updateTag } from "next/cache";

/**
 * Expires the cache tags a product change returned (ProductResult.tags), so the storefront shows
 * it on the next request. Server actions only: updateTag gives the acting owner their own write.
 */
export function expireProductTags(tags: readonly string[]): void {
  for (const tag of tags) updateTag(tag);
}
