/** Where sign-in may send someone back: a path of this site's back office or order pages only. */
export function safeCallbackPath(value: string | undefined | null): string {
  if (!value || !/^\/(admin|orders)(\/[A-Za-z0-9_\-/]*)?(\?[^\\]*)?$/.test(value) || value.includes("//")) return "/admin";
  return value;
}
