// Every cache tag the app uses, in one place: with several instances these are what the shared
// cache handler invalidates, so a new tag must be added here and nowhere else.
export const cacheTags = {
  catalog: "catalog",
  product: (slug: string) => `product:${slug}`,
} as const;
