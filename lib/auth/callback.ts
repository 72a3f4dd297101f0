/**
 * Where sign-in may send someone back: a path of this site's back office or order pages only.
 * An absolute URL (the proxy sends one) keeps only its path, so no other host can be named.
 */
export function safeCallbackPath(value: string | undefined | null): string {
  if (!value) return "/admin";
  let path = value;
  if (/^https?:\/\//.test(value)) {
    try {
      const url = new URL(value);
      path = url.pathname + url.search;
    } catch {
      return "/admin";
    }
  }
  if (!/^\/(admin|orders)(\/[A-Za-z0-9_\-/]*)?(\?[^\\]*)?$/.test(path) || path.includes("//")) return "/admin";
  return path;
}
