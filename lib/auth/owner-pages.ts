/** The back-office pages only an owner may open, by path prefix, with the name the permission page shows. */
const OWNER_ONLY_PAGES: { path: string; name: string }[] = [
  { path: "/admin/accounts", name: "계정" },
  { path: "/admin/products/new", name: "상품 등록" },
];

/**
 * The owner-only page a staff account was turned away from, from the `from` the gate passes on;
 * null for anything else, so the permission page never repeats a made-up path or name.
 */
export function ownerOnlyPageName(from: string | undefined): { path: string; name: string } | null {
  if (!from) return null;
  return OWNER_ONLY_PAGES.find(({ path }) => from === path || from.startsWith(`${path}/`) || from.startsWith(`${path}?`)) ?? null;
}
