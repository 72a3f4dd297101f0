import type { OrderStatus } from "@/db/schema";
import { ORDER_STATUS_TEXT } from "@/lib/orders/view";

const TONE: Partial<Record<OrderStatus, string>> = {
  PAID: "bg-emerald-50 text-emerald-800",
  WAITING_FOR_DEPOSIT: "bg-amber-50 text-amber-900",
  CONFIRMING: "bg-sky-50 text-sky-900",
  FAILED: "bg-red-50 text-red-800",
  PARTIAL_CANCELED: "bg-violet-50 text-violet-800",
  CANCELED: "bg-stone-200 text-stone-800",
};

export function StatusBadge({ status }: { status: OrderStatus }) {
  return <span className={`inline-block rounded-full px-2.5 py-0.5 text-xs font-bold whitespace-nowrap ${TONE[status] ?? "bg-stone-100 text-stone-700"}`}>{ORDER_STATUS_TEXT[status].label}</span>;
}
