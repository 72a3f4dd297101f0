"use client";

import { loadPaymentWidget, type PaymentWidgetInstance } from "@tosspayments/payment-widget-sdk";
import { useEffect, useRef, useState, useTransition } from "react";
import type { CheckoutFieldErrors, CheckoutForm as CheckoutFormValues } from "@/lib/orders/checkout-form";
import { formatKRW } from "@/lib/money";
import { placeOrderAction } from "./actions";

type WidgetConfig = { clientKey: string; customerKey: string; src: string };
type Field = { name: keyof CheckoutFormValues; label: string; type?: string; autoComplete: string; placeholder?: string; inputMode?: "numeric" | "tel" | "email"; required?: boolean; wide?: boolean };

const FIELDS: Field[] = [
  { name: "customerName", label: "이름", autoComplete: "name", placeholder: "김토스", required: true },
  { name: "customerPhone", label: "휴대폰 번호", type: "tel", autoComplete: "tel", placeholder: "010-1234-5678", inputMode: "tel", required: true },
  { name: "customerEmail", label: "이메일", type: "email", autoComplete: "email", placeholder: "name@example.com", inputMode: "email", required: true, wide: true },
  { name: "postcode", label: "우편번호", autoComplete: "postal-code", placeholder: "06236", inputMode: "numeric", required: true },
  { name: "address", label: "주소", autoComplete: "address-line1", placeholder: "서울특별시 강남구 테헤란로 131", required: true, wide: true },
  { name: "addressDetail", label: "상세 주소", autoComplete: "address-line2", placeholder: "동·호수", wide: true },
  { name: "deliveryMemo", label: "배송 메모", autoComplete: "off", placeholder: "문 앞에 놓아 주세요", wide: true },
];

type SdkError = { code?: string; message?: string };

export function CheckoutForm({ amount, widget }: { amount: number; widget: WidgetConfig }) {
  const widgetRef = useRef<PaymentWidgetInstance | null>(null);
  const methodsRef = useRef<ReturnType<PaymentWidgetInstance["renderPaymentMethods"]> | null>(null);
  const agreementRef = useRef<ReturnType<PaymentWidgetInstance["renderAgreement"]> | null>(null);
  const shownAmount = useRef(amount);
  const [ready, setReady] = useState(false);
  const [agreed, setAgreed] = useState(false);
  const [widgetError, setWidgetError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<CheckoutFieldErrors>({});
  const [message, setMessage] = useState<{ tone: "error" | "notice"; text: string; href?: string } | null>(null);
  const [pending, startTransition] = useTransition();

  // The widget is created and rendered once per page; later renders only update its amount, so
  // the shopper's chosen method survives every re-render.
  useEffect(() => {
    let cancelled = false;
    loadPaymentWidget(widget.clientKey, widget.customerKey, undefined, { src: widget.src })
      .then((instance) => {
        if (cancelled || widgetRef.current) return;
        widgetRef.current = instance;
        const methods = instance.renderPaymentMethods("#payment-methods", { value: shownAmount.current }, { variantKey: "DEFAULT" });
        methodsRef.current = methods;
        methods.on("ready", () => setReady(true));
        const agreement = instance.renderAgreement("#agreement", { variantKey: "AGREEMENT" });
        agreementRef.current = agreement;
        const onAgreement = (status: { agreedRequiredTerms: boolean }) => setAgreed(status.agreedRequiredTerms);
        agreement.on("change", onAgreement);
      })
      .catch(() => setWidgetError("결제 수단을 불러오지 못했어요. 새로고침해 주세요."));
    return () => {
      cancelled = true;
    };
  }, [widget.clientKey, widget.customerKey, widget.src]);

  useEffect(() => {
    if (methodsRef.current && shownAmount.current !== amount) {
      methodsRef.current.updateAmount(amount);
      shownAmount.current = amount;
    }
  }, [amount]);

  function pay(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    setMessage(null);
    startTransition(async () => {
      const result = await placeOrderAction(formData);
      if (!result.ok) {
        setFieldErrors(result.fieldErrors ?? {});
        setMessage({ tone: "error", text: result.message, ...(result.orderUrl && { href: result.orderUrl }) });
        return;
      }
      setFieldErrors({});
      const instance = widgetRef.current;
      if (!instance) return;
      if (result.order.amount !== shownAmount.current) {
        // Prices changed since the page was drawn: show the real amount before taking it.
        methodsRef.current?.updateAmount(result.order.amount);
        shownAmount.current = result.order.amount;
        setMessage({
          tone: "notice",
          text: `상품 가격이 바뀌어 결제 금액이 ${formatKRW(result.order.amount)}으로 변경되었어요. 확인 후 다시 결제하기를 눌러 주세요.`,
        });
        return;
      }
      try {
        await instance.requestPayment({
          orderId: result.order.orderId,
          orderName: result.order.orderName,
          customerName: result.order.customerName,
          customerEmail: result.order.customerEmail,
          customerMobilePhone: result.order.customerPhone,
          successUrl: result.successUrl,
          failUrl: result.failUrl,
        });
      } catch (error) {
        const sdkError = error as SdkError;
        setMessage({ tone: "error", text: sdkError.message ?? "결제를 시작하지 못했어요. 다시 시도해 주세요." });
      }
    });
  }

  const canPay = ready && agreed && !pending;

  return (
    <form onSubmit={pay} noValidate className="space-y-8" aria-describedby="checkout-message">
      <fieldset className="space-y-4 rounded-2xl border border-stone-200 bg-white p-6">
        <legend className="px-1 text-lg font-bold">주문자 · 배송 정보</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          {FIELDS.map((field) => {
            const error = fieldErrors[field.name];
            const id = `field-${field.name}`;
            return (
              <div key={field.name} className={field.wide ? "sm:col-span-2" : undefined}>
                <label htmlFor={id} className="mb-1 block text-sm font-medium text-stone-700">
                  {field.label}
                  {field.required ? (
                    <span aria-hidden className="text-brand-600">
                      {" "}*
                    </span>
                  ) : null}
                </label>
                <input
                  id={id}
                  name={field.name}
                  type={field.type ?? "text"}
                  autoComplete={field.autoComplete}
                  placeholder={field.placeholder}
                  inputMode={field.inputMode}
                  aria-required={field.required ? true : undefined}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${id}-error` : undefined}
                  className={`w-full rounded-lg border px-3 py-2 ${error ? "border-red-500 bg-red-50" : "border-stone-300"}`}
                />
                {error ? (
                  <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
                    {error}
                  </p>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>

      <section className="space-y-2 rounded-2xl border border-stone-200 bg-white p-6" aria-labelledby="payment-heading">
        <h2 id="payment-heading" className="text-lg font-bold">
          결제 수단
        </h2>
        {widgetError ? <p role="alert" className="text-sm text-red-700">{widgetError}</p> : null}
        {!ready && !widgetError ? <div className="h-40 animate-pulse rounded-lg bg-stone-100" aria-label="결제 수단 불러오는 중" /> : null}
        <div id="payment-methods" />
        <div id="agreement" />
      </section>

      <div id="checkout-message" aria-live="polite">
        {message ? (
          <p role={message.tone === "error" ? "alert" : "status"} className={`rounded-lg px-4 py-3 text-sm ${message.tone === "error" ? "bg-red-50 text-red-800" : "bg-amber-50 text-amber-900"}`}>
            {message.text}
            {message.href ? (
              <>
                {" "}
                <a href={message.href} className="font-bold underline">
                  주문 확인하기
                </a>
              </>
            ) : null}
          </p>
        ) : null}
      </div>

      <button type="submit" disabled={!canPay} className="w-full rounded-xl bg-brand-600 px-6 py-4 text-lg font-bold text-white transition hover:bg-brand-700 disabled:cursor-not-allowed disabled:bg-stone-300">
        {pending ? "주문 확인 중…" : "결제하기"}
      </button>
      {!agreed && ready ? <p className="text-center text-sm text-stone-500">필수 약관에 동의하면 결제할 수 있어요.</p> : null}
    </form>
  );
}
