"use client";

import { FieldError } from "@/components/field-error";
import { loadPaymentWidget, type PaymentWidgetInstance } from "@tosspayments/payment-widget-sdk";
import Link from "next/link";
import { useEffect, useRef, useState, useTransition } from "react";
import type { CheckoutForm as CheckoutFormValues, checkoutFormSchema } from "@/lib/orders/checkout-form";
import { formatKRW } from "@/lib/money";
import { placeOrderAction, type CheckoutErrors, type ConsentName } from "./actions";
import { PostcodeSearch, type PostcodeResult } from "./postcode-search";

type WidgetConfig = { clientKey: string; customerKey: string; src: string };
type FieldName = keyof CheckoutFormValues;
type Field = {
  name: FieldName;
  label: string;
  type?: string;
  autoComplete: string;
  placeholder: string;
  inputMode?: "numeric" | "tel" | "email";
  required?: boolean;
  wide?: boolean;
};

// Placeholders say what to type, never a sample value that could pass for a filled field.
const FIELDS: Field[] = [
  { name: "customerName", label: "이름", autoComplete: "name", placeholder: "받는 분 이름", required: true },
  { name: "customerPhone", label: "휴대폰 번호", type: "tel", autoComplete: "tel", placeholder: "숫자만 입력해도 돼요", inputMode: "tel", required: true },
  { name: "customerEmail", label: "이메일", type: "email", autoComplete: "email", placeholder: "주문 안내를 받을 주소", inputMode: "email", required: true, wide: true },
  { name: "postcode", label: "우편번호", autoComplete: "postal-code", placeholder: "5자리", inputMode: "numeric", required: true, wide: true },
  { name: "address", label: "주소", autoComplete: "address-line1", placeholder: "우편번호 찾기로 채울 수 있어요", required: true, wide: true },
  { name: "addressDetail", label: "상세 주소", autoComplete: "address-line2", placeholder: "동·호수 등 나머지 주소", wide: true },
  { name: "deliveryMemo", label: "배송 메모", autoComplete: "off", placeholder: "배송 기사님께 남길 말 (선택)", wide: true },
];

const CONSENTS: { name: ConsentName; label: string; href: string; linkText: string }[] = [
  { name: "agreeTerms", label: "이용약관에 동의해요", href: "/terms", linkText: "이용약관 보기" },
  { name: "agreePrivacy", label: "주문·배송을 위한 개인정보 수집·이용에 동의해요", href: "/privacy", linkText: "개인정보처리방침 보기" },
];

const LABELS: Record<FieldName | ConsentName, string> = {
  ...(Object.fromEntries(FIELDS.map((f) => [f.name, f.label])) as Record<FieldName, string>),
  agreeTerms: "이용약관 동의",
  agreePrivacy: "개인정보 수집·이용 동의",
};
const ORDER: (FieldName | ConsentName)[] = [...FIELDS.map((f) => f.name), ...CONSENTS.map((c) => c.name)];

const AGREEMENT_MESSAGE = "결제 서비스 약관에 동의해 주세요.";

type SdkError = { code?: string; message?: string };
type Values = Record<FieldName, string>;

type FormSchema = typeof checkoutFormSchema;
let formSchemaLoad: Promise<FormSchema | null> | undefined;

/**
 * The form's rule, the one the server action applies, built on zod (about 30 kB gzip). The page
 * needs it only once the shopper starts on the form, so it is fetched on the first focus rather
 * than with the page. Null if it cannot load: the server's check still answers on submit.
 */
function formSchema(): Promise<FormSchema | null> {
  formSchemaLoad ??= import("@/lib/orders/checkout-form").then(
    (m) => m.checkoutFormSchema,
    () => {
      formSchemaLoad = undefined;
      return null;
    },
  );
  return formSchemaLoad;
}

function fieldError(schema: FormSchema | null, name: FieldName, value: string): string | undefined {
  const result = schema?.shape[name].safeParse(value);
  return !result || result.success ? undefined : result.error.issues[0]?.message;
}

function inputId(name: string) {
  return `field-${name}`;
}

export function CheckoutForm({
  amount,
  widget,
  postcodeSrc,
  initialValues,
  source,
}: {
  amount: number;
  widget: WidgetConfig;
  postcodeSrc: string;
  initialValues: Partial<CheckoutFormValues>;
  /** Which cart this form checks out: the shopper's, or 바로 구매's one line. */
  source: "cart" | "buy-now";
}) {
  const widgetRef = useRef<PaymentWidgetInstance | null>(null);
  const methodsRef = useRef<ReturnType<PaymentWidgetInstance["renderPaymentMethods"]> | null>(null);
  const shownAmount = useRef(amount);
  const [payAmount, setPayAmount] = useState(amount);
  const [ready, setReady] = useState(false);
  const [widgetAgreed, setWidgetAgreed] = useState(false);
  // Shown next to the pay bar and at the widget's agreement until the shopper ticks it.
  const [agreementMissing, setAgreementMissing] = useState(false);
  const [widgetError, setWidgetError] = useState<string | null>(null);
  const [values, setValues] = useState<Values>(() =>
    Object.fromEntries(FIELDS.map((f) => [f.name, initialValues[f.name] ?? ""])) as Values,
  );
  // A cart's earlier order was only placed with both consents given: a retry keeps them.
  const retrying = Object.keys(initialValues).length > 0;
  const [consents, setConsents] = useState<Record<ConsentName, boolean>>({ agreeTerms: retrying, agreePrivacy: retrying });
  const [errors, setErrors] = useState<CheckoutErrors>({});
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
        agreement.on("change", (status: { agreedRequiredTerms: boolean }) => {
          setWidgetAgreed(status.agreedRequiredTerms);
          if (status.agreedRequiredTerms) setAgreementMissing(false);
        });
      })
      .catch(() => setWidgetError("결제 수단을 불러오지 못했어요. 새로고침해 주세요."));
    return () => {
      cancelled = true;
    };
  }, [widget.clientKey, widget.customerKey, widget.src]);

  function showAmount(next: number) {
    if (methodsRef.current && shownAmount.current !== next) methodsRef.current.updateAmount(next);
    shownAmount.current = next;
    setPayAmount(next);
  }

  function setValue(name: FieldName, value: string) {
    setValues((current) => ({ ...current, [name]: value }));
    // Once a field has been flagged, it is re-checked as the shopper types, so the message goes
    // away the moment the value is right.
    if (errors[name]) void formSchema().then((schema) => setErrors((current) => ({ ...current, [name]: fieldError(schema, name, value) })));
  }

  function checkOnBlur(name: FieldName) {
    const value = values[name];
    if (value.trim() === "" && !errors[name]) return;
    void formSchema().then((schema) => setErrors((current) => ({ ...current, [name]: fieldError(schema, name, value) })));
  }

  function fillAddress(result: PostcodeResult) {
    const address = [result.roadAddress || result.address || "", result.buildingName ? `(${result.buildingName})` : ""].filter(Boolean).join(" ");
    setValues((current) => ({ ...current, postcode: result.zonecode, address }));
    setErrors((current) => ({ ...current, postcode: undefined, address: undefined }));
    // The shopper's next step is the rest of the address.
    requestAnimationFrame(() => document.getElementById(inputId("addressDetail"))?.focus());
  }

  // The summary above 결제하기 is drawn from `errors`, so it changes as each field is fixed.
  function reportErrors(found: CheckoutErrors) {
    setErrors(found);
    const first = ORDER.find((name) => found[name]);
    if (first) document.getElementById(inputId(first))?.focus();
  }

  function clientErrors(schema: FormSchema | null): CheckoutErrors {
    const found: CheckoutErrors = {};
    for (const field of FIELDS) found[field.name] = fieldError(schema, field.name, values[field.name]);
    for (const consent of CONSENTS) if (!consents[consent.name]) found[consent.name] = "동의해야 주문할 수 있어요";
    return found;
  }

  /**
   * The widget's own checkbox when it is in the page (the sandbox), else its frame (Toss's widget
   * draws in an iframe). Centred, so the sticky pay bar does not cover it.
   */
  function focusAgreement() {
    const agreement = document.getElementById("agreement");
    const target = agreement?.querySelector<HTMLElement>('input[type="checkbox"], iframe') ?? agreement;
    if (!target) return;
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
  }

  function pay(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setMessage(null);
    void formSchema().then((schema) => submit(form, schema));
  }

  function submit(form: HTMLFormElement, schema: FormSchema | null) {
    const found = clientErrors(schema);
    if (ORDER.some((name) => found[name])) {
      reportErrors(found);
      return;
    }
    setErrors({});
    if (!widgetAgreed) {
      setAgreementMissing(true);
      focusAgreement();
      return;
    }
    const formData = new FormData(form);
    startTransition(async () => {
      const result = await placeOrderAction(formData);
      if (!result.ok) {
        if (result.fieldErrors) reportErrors(result.fieldErrors);
        else setMessage({ tone: "error", text: result.message, ...(result.orderUrl && { href: result.orderUrl }) });
        return;
      }
      const instance = widgetRef.current;
      if (!instance) return;
      if (result.order.amount !== shownAmount.current) {
        // Prices changed since the page was drawn: show the real amount before taking it.
        showAmount(result.order.amount);
        setMessage({
          tone: "notice",
          text: `상품 가격이 바뀌어 결제 금액이 ${formatKRW(result.order.amount)}으로 바뀌었어요. 확인하고 다시 결제하기를 눌러 주세요.`,
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
        setMessage({ tone: "error", text: sdkError.code === "USER_CANCEL" ? "결제를 취소했어요." : "결제를 시작하지 못했어요. 다시 시도해 주세요." });
      }
    });
  }

  const fieldsWithErrors = ORDER.filter((name) => errors[name]);

  return (
    <form onSubmit={pay} onFocus={() => void formSchema()} noValidate className="min-w-0 space-y-6" aria-describedby="checkout-message">
      <input type="hidden" name="source" value={source} />
      <fieldset className="min-w-0 space-y-4 rounded-2xl border border-stone-200 bg-white p-5 sm:p-6">
        {/* Floated, a legend sits inside its card instead of on the border. */}
        <legend className="float-left w-full text-lg font-bold">주문자 · 배송 정보</legend>
        <p className="clear-left text-sm text-stone-600">
          <span aria-hidden className="text-brand-700">
            *
          </span>{" "}
          표시는 꼭 입력해 주세요.
        </p>
        <div className="grid gap-4 sm:grid-cols-2">
          {FIELDS.map((field) => {
            const error = errors[field.name];
            const id = inputId(field.name);
            const input = (
              <input
                id={id}
                name={field.name}
                type={field.type ?? "text"}
                value={values[field.name]}
                onChange={(e) => setValue(field.name, e.target.value)}
                onBlur={() => checkOnBlur(field.name)}
                autoComplete={field.autoComplete}
                placeholder={field.placeholder}
                inputMode={field.inputMode}
                aria-required={field.required ? true : undefined}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-error` : undefined}
                className={`min-h-11 w-full min-w-0 rounded-lg border px-3 py-2 placeholder:text-stone-500 ${
                  error ? "border-red-600 bg-red-50" : "border-stone-400"
                }`}
              />
            );
            return (
              <div key={field.name} className={field.wide ? "min-w-0 sm:col-span-2" : "min-w-0"}>
                <label htmlFor={id} className="mb-1 block text-sm font-medium text-stone-700">
                  {field.label}
                  {field.required ? (
                    <span aria-hidden className="text-brand-700">
                      {" "}*
                    </span>
                  ) : null}
                </label>
                {field.name === "postcode" ? (
                  <div className="flex flex-wrap gap-2">
                    <div className="w-32 min-w-0">{input}</div>
                    <PostcodeSearch src={postcodeSrc} onSelect={fillAddress} />
                  </div>
                ) : (
                  input
                )}
                <FieldError id={`${id}-error`} message={error} />
              </div>
            );
          })}
        </div>
      </fieldset>

      <section className="min-w-0 space-y-2 rounded-2xl border border-stone-200 bg-white p-5 sm:p-6" aria-labelledby="payment-heading">
        <h2 id="payment-heading" tabIndex={-1} className="text-lg font-bold">
          결제 수단
        </h2>
        {widgetError ? (
          <p role="alert" className="text-sm text-red-700">
            {widgetError}
          </p>
        ) : null}
        {!ready && !widgetError ? <div className="h-40 animate-pulse rounded-lg bg-stone-100" role="img" aria-label="결제 수단 불러오는 중" /> : null}
        <div id="payment-methods" className="min-w-0" />
        <div id="agreement" className="min-w-0" tabIndex={-1} />
        {agreementMissing ? (
          <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm font-semibold text-red-800">
            {AGREEMENT_MESSAGE}
          </p>
        ) : null}
      </section>

      <fieldset className="min-w-0 space-y-3 rounded-2xl border border-stone-200 bg-white p-5 sm:p-6">
        <legend className="float-left mb-1 w-full text-lg font-bold">약관 동의</legend>
        <div className="clear-left" />
        {CONSENTS.map((consent) => {
          const id = inputId(consent.name);
          const error = errors[consent.name];
          return (
            <div key={consent.name}>
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <label htmlFor={id} className="flex min-h-11 cursor-pointer items-center gap-2 text-sm">
                  <input
                    id={id}
                    name={consent.name}
                    type="checkbox"
                    checked={consents[consent.name]}
                    onChange={(e) => {
                      const checked = e.target.checked;
                      setConsents((current) => ({ ...current, [consent.name]: checked }));
                      if (checked) setErrors((current) => ({ ...current, [consent.name]: undefined }));
                    }}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${id}-error` : undefined}
                    className="h-5 w-5 shrink-0 accent-brand-600"
                  />
                  <span>
                    <span className="font-semibold">(필수)</span> {consent.label}
                  </span>
                </label>
                <Link href={consent.href} target="_blank" className="inline-flex min-h-8 items-center text-sm text-stone-700 underline">
                  {consent.linkText}
                </Link>
              </div>
              <FieldError id={`${id}-error`} message={error} />
            </div>
          );
        })}
      </fieldset>

      <div id="checkout-message" aria-live="polite">
        {message ? (
          <p
            role={message.tone === "error" ? "alert" : "status"}
            data-testid="checkout-message"
            className={`rounded-lg px-4 py-3 text-sm ${message.tone === "error" ? "bg-red-50 text-red-800" : "bg-amber-50 text-amber-900"}`}
          >
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
        {fieldsWithErrors.length > 0 && !message ? (
          <p role="alert" data-testid="checkout-message" className="rounded-lg bg-red-50 px-4 py-3 text-sm text-red-800">
            {fieldsWithErrors.length}개 항목을 확인해 주세요: {fieldsWithErrors.map((name) => LABELS[name]).join(", ")}
          </p>
        ) : null}
      </div>

      <div className="sticky bottom-0 z-30 -mx-4 space-y-2 border-t border-stone-200 bg-white/95 px-4 py-3 backdrop-blur sm:mx-0 sm:rounded-xl sm:border lg:static lg:border-0 lg:bg-transparent lg:p-0 lg:backdrop-blur-none" data-testid="pay-bar">
        {agreementMissing ? (
          <p role="alert" className="text-center text-sm font-semibold text-red-800">
            {AGREEMENT_MESSAGE}
          </p>
        ) : null}
        <button
          type="submit"
          disabled={!ready || pending}
          className="w-full rounded-xl bg-brand-600 px-6 py-4 text-lg font-bold text-white transition hover:bg-brand-700 disabled:cursor-not-allowed disabled:bg-stone-500"
        >
          {pending ? "주문 확인 중…" : `${formatKRW(payAmount)} 결제하기`}
        </button>
      </div>
    </form>
  );
}
