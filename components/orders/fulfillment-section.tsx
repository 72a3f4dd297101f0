import { formatKoreanDateTime } from "@/lib/format";
import { SHOPPER_STEPS, type FulfillmentView } from "@/lib/fulfillment/view";
import { ConfirmPurchaseButton } from "./confirm-purchase-button";

/** The goods' journey on the shopper's order page: steps, parcels with 배송 조회, and 구매 확정. */
export function FulfillmentSection({ orderId, fulfillment }: { orderId: string; fulfillment: FulfillmentView }) {
  return (
    <section aria-labelledby="delivery" className="rounded-2xl border border-stone-200 bg-white p-5 text-sm sm:p-6" data-testid="fulfillment">
      <h2 id="delivery" className="text-lg font-bold">
        배송 현황
      </h2>
      {fulfillment.step >= 0 ? (
        <ol className="mt-4 grid grid-cols-4 gap-1 text-center text-xs sm:text-sm" aria-label="배송 단계">
          {SHOPPER_STEPS.map((label, i) => (
            <li
              key={label}
              aria-current={i === fulfillment.step ? "step" : undefined}
              className={`rounded-lg px-1 py-2 font-semibold ${i === fulfillment.step ? "bg-brand-700 text-white" : i < fulfillment.step ? "bg-brand-50 text-brand-700" : "bg-stone-100 text-stone-600"}`}
            >
              {label}
            </li>
          ))}
        </ol>
      ) : null}
      <p className="mt-3 text-stone-700" data-testid="fulfillment-status">
        <span className="font-bold">{fulfillment.label}</span> · {fulfillment.headline}
      </p>
      {fulfillment.parcels.length > 0 ? (
        <ul className="mt-4 space-y-3" aria-label="택배">
          {fulfillment.parcels.map((parcel) => (
            <li key={parcel.id} className="rounded-xl border border-stone-200 p-4" data-testid="parcel">
              <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <span className="font-bold">{parcel.courier}</span>
                {parcel.trackingNumber ? <span className="font-mono tabular-nums">{parcel.trackingNumber}</span> : null}
                {parcel.trackingUrl ? (
                  <a href={parcel.trackingUrl} target="_blank" rel="noopener noreferrer" className="inline-flex min-h-8 items-center font-semibold text-brand-700 underline">
                    배송 조회
                  </a>
                ) : null}
              </p>
              <p className="mt-1 text-stone-600">
                {parcel.lines.map((l) => `${l.name} × ${l.quantity}`).join(", ")}
              </p>
              <p className="mt-1 text-stone-600">
                {formatKoreanDateTime(parcel.shippedAt)} 발송{parcel.deliveredAt ? ` · ${formatKoreanDateTime(parcel.deliveredAt)} 도착` : ""}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
      {fulfillment.canConfirmPurchase ? <ConfirmPurchaseButton orderId={orderId} /> : null}
    </section>
  );
}
