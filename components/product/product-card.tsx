import Link from "next/link";
import type { Product } from "@/db/schema";
import { formatKRW } from "@/lib/money";
import { ProductImage } from "./product-image";
import { StockBadge } from "./stock-badge";

export function ProductCard({ product, priority = false }: { product: Product; priority?: boolean }) {
  const soldOut = product.stock <= 0;
  return (
    <li className="group">
      <Link href={`/products/${product.slug}`} className="block rounded-xl focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-brand-500">
        <div className="relative aspect-square overflow-hidden rounded-xl bg-stone-100">
          <ProductImage
            src={product.image}
            alt=""
            priority={priority}
            className={`transition duration-300 group-hover:scale-105 ${soldOut ? "opacity-50 grayscale" : ""}`}
          />
        </div>
        <div className="mt-3 space-y-1">
          <h2 className="line-clamp-1 font-semibold group-hover:text-brand-600">{product.name}</h2>
          <p className="font-bold tabular-nums">{formatKRW(product.price)}</p>
          <StockBadge stock={product.stock} />
        </div>
      </Link>
    </li>
  );
}
