import { formatKRW } from "@/lib/money";
import type { CashReceiptView } from "@/lib/orders/cash-receipt";

/** The 현금영수증 of a payment, for the shopper's order page and the owner's: as Toss reports it. */
export function CashReceiptSection({ receipt, className = "" }: { receipt: CashReceiptView; className?: string }) {
  return (
    <section aria-labelledby="cash-receipt" className={`rounded-2xl border border-stone-200 bg-white p-5 text-sm sm:p-6 ${className}`}>
      <h2 id="cash-receipt" className="text-lg font-bold">
        현금영수증
      </h2>
      <dl className="mt-3 grid grid-cols-[6rem_1fr] gap-y-2">
        <dt className="text-stone-600">용도</dt>
        <dd>{receipt.type}</dd>
        {receipt.identity ? (
          <>
            <dt className="text-stone-600">{receipt.type === "지출증빙" ? "사업자등록번호" : "휴대폰 번호"}</dt>
            <dd className="font-mono">{receipt.identity}</dd>
          </>
        ) : null}
        <dt className="text-stone-600">승인번호</dt>
        <dd data-testid="cash-receipt-issue-number" className="font-mono">
          {receipt.issueNumber ?? "-"}
        </dd>
        <dt className="text-stone-600">발급 금액</dt>
        <dd className="tabular-nums">{formatKRW(receipt.amount)}</dd>
      </dl>
      {receipt.history.length > 0 ? (
        <ul data-testid="cash-receipt-history" className="mt-3 space-y-1 border-t border-stone-200 pt-3">
          {receipt.history.map((entry, i) => (
            <li key={i} className="tabular-nums">
              {entry.label} {formatKRW(entry.amount)}
              {entry.status && entry.status !== "완료" ? ` · ${entry.status}` : ""}
            </li>
          ))}
        </ul>
      ) : null}
      {receipt.receiptUrl ? (
        <a href={receipt.receiptUrl} target="_blank" rel="noopener noreferrer" className="mt-3 inline-flex min-h-8 items-center font-semibold text-brand-700 hover:underline">
          현금영수증 보기
        </a>
      ) : null}
    </section>
  );
}
