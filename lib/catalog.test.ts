import { describe, expect, it } from "vitest";
import { cacheTags } from "./cache-tags";
import { displayedStock, selectableQuantity, tagsForStockChanges } from "./catalog";

describe("displayedStock", () => {
  it("shows the count only while the stock is low", () => {
    expect(displayedStock(20)).toEqual({ state: "in_stock", count: null });
    expect(displayedStock(4)).toEqual({ state: "in_stock", count: null });
    expect(displayedStock(3)).toEqual({ state: "low_stock", count: 3 });
    expect(displayedStock(1)).toEqual({ state: "low_stock", count: 1 });
    expect(displayedStock(0)).toEqual({ state: "sold_out", count: null });
  });

  it("lets a shopper pick up to the low count, or ten, or nothing when sold out", () => {
    expect(selectableQuantity(50)).toBe(10);
    expect(selectableQuantity(2)).toBe(2);
    expect(selectableQuantity(0)).toBe(0);
  });
});

describe("tagsForStockChanges", () => {
  const tea = cacheTags.product("tea");

  it("refreshes nothing when an order leaves what the pages show unchanged", () => {
    expect(tagsForStockChanges([{ slug: "tea", before: 30, after: 29 }])).toEqual([]);
    expect(tagsForStockChanges([{ slug: "tea", before: 10, after: 4 }])).toEqual([]);
  });

  it("refreshes the product page and the list when a product sells out", () => {
    expect(tagsForStockChanges([{ slug: "tea", before: 1, after: 0 }]).sort()).toEqual([cacheTags.catalog, tea].sort());
    expect(tagsForStockChanges([{ slug: "tea", before: 8, after: 0 }]).sort()).toEqual([cacheTags.catalog, tea].sort());
  });

  it("refreshes both when a product enters or leaves 품절 임박", () => {
    expect(tagsForStockChanges([{ slug: "tea", before: 4, after: 3 }]).sort()).toEqual([cacheTags.catalog, tea].sort());
    expect(tagsForStockChanges([{ slug: "tea", before: 3, after: 5 }]).sort()).toEqual([cacheTags.catalog, tea].sort());
    expect(tagsForStockChanges([{ slug: "tea", before: 0, after: 2 }]).sort()).toEqual([cacheTags.catalog, tea].sort());
  });

  it("refreshes only the product page when its low count moves", () => {
    expect(tagsForStockChanges([{ slug: "tea", before: 3, after: 2 }])).toEqual([tea]);
  });

  it("names each affected product once", () => {
    const tags = tagsForStockChanges([
      { slug: "tea", before: 2, after: 1 },
      { slug: "jam", before: 40, after: 39 },
      { slug: "tea", before: 1, after: 0 },
    ]);
    expect(tags.sort()).toEqual([cacheTags.catalog, tea].sort());
  });
});
