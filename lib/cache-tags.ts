// Every cache tag the app uses, in one place: a new tag is added here and nowhere else.
export const cacheTags = {
  /** The product list of the home page (and the sitemap): names, prices, images, stock states. */
  catalog: "catalog",
  /** One product page. */
  product: (slug: string) => `product:${slug}`,
} as const;
