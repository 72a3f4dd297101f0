import { displayedStock, stockLabel } from "@/lib/catalog";

const styles = {
  in_stock: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  low_stock: "bg-amber-50 text-amber-800 ring-amber-600/20",
  sold_out: "bg-stone-100 text-stone-600 ring-stone-500/20",
} as const;

export function StockBadge({ stock, showCount = false }: { stock: number; showCount?: boolean }) {
  const { state, count } = displayedStock(stock);
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${styles[state]}`}>
      {stockLabel[state]}
      {showCount && count !== null ? ` · ${count}개 남음` : ""}
    </span>
  );
}
