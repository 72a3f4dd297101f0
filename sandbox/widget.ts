import { WIDGET_CHOICES } from "./choices";

/**
 * The payment widget script (`GET /v1/payment-widget`): plain browser JavaScript that defines
 * `window.PaymentWidget` the way js.tosspayments.com/v1/payment-widget does, so the real
 * `loadPaymentWidget(..., { src })` loads it unchanged. `__ORIGIN__` and `__CHOICES__` are filled in
 * when served.
 */
const SCRIPT = String.raw`(function () {
  "use strict";
  var current = document.currentScript;
  var ORIGIN = current && current.src ? new URL(current.src).origin : "__ORIGIN__";
  var CHOICES = __CHOICES__;
  var ANONYMOUS = "@@ANONYMOUS";
  var METHODS = [
    { label: "카드", method: "카드" },
    { label: "계좌이체", method: "계좌이체" },
    { label: "가상계좌", method: "가상계좌" },
    { label: "토스페이", method: "간편결제", easyPay: { provider: "토스페이" } }
  ];
  var MESSAGES = {
    INVALID_CLIENT_KEY: "클라이언트 키가 올바르지 않습니다. 결제위젯 연동 키(test_gck_)를 사용해주세요.",
    NOT_SUPPORTED_API_INDIVIDUAL_KEY: "결제위젯 연동 키가 아닌 API 개별 연동 키는 지원하지 않습니다.",
    INSECURE_KEY_USAGE: "시크릿 키는 브라우저에서 사용할 수 없습니다. 클라이언트 키를 사용해주세요.",
    INVALID_CUSTOMER_KEY: "customerKey는 영문 대소문자, 숫자, 특수문자(-, _, =, ., @)로 이루어진 2자 이상 50자 이하의 문자열이어야 합니다.",
    INVALID_SELECTOR: "selector에 해당하는 HTML 요소를 찾을 수 없습니다.",
    INVALID_AMOUNT_VALUE: "결제 금액이 올바르지 않습니다.",
    INVALID_AMOUNT_CURRENCY: "지원하지 않는 통화입니다.",
    BELOW_ZERO_AMOUNT: "결제 금액은 0보다 작을 수 없습니다.",
    NEED_AGREEMENT_WITH_REQUIRED_TERMS: "필수 약관에 동의해주세요.",
    NOT_SELECTED_PAYMENT_METHOD: "결제수단이 선택되지 않았어요. 결제수단을 선택해주세요.",
    INVALID_METHOD_TRANSACTION: "이미 다른 요청을 수행하고 있어요.",
    INCORRECT_SUCCESS_URL_FORMAT: "successUrl은 프로토콜과 도메인을 포함한 절대 경로여야 합니다.",
    INCORRECT_FAIL_URL_FORMAT: "failUrl은 프로토콜과 도메인을 포함한 절대 경로여야 합니다.",
    INVALID_METADATA: "metadata는 최대 5개의 키-값 쌍이며, 키는 40자 이하([, ] 제외), 값은 2000자 이하여야 합니다.",
    USER_CANCEL: "취소되었습니다."
  };

  function SdkError(code, message) {
    var e = new Error(message || MESSAGES[code] || code);
    e.name = "TossPaymentsSandboxError";
    e.code = code;
    return e;
  }
  function isAbsoluteUrl(v) {
    if (typeof v !== "string" || !/^https?:\/\/[^\/?#\s]+/i.test(v)) return false;
    try { new URL(v); return true; } catch (e) { return false; }
  }
  function won(n) { return new Intl.NumberFormat("ko-KR").format(n) + "원"; }
  function amountOf(amount) {
    var value = typeof amount === "number" ? amount : amount && typeof amount === "object" ? amount.value : NaN;
    if (amount && typeof amount === "object" && amount.currency && amount.currency !== "KRW" && amount.currency !== "USD") {
      throw SdkError("INVALID_AMOUNT_CURRENCY");
    }
    if (typeof value !== "number" || !isFinite(value)) throw SdkError("INVALID_AMOUNT_VALUE");
    if (value < 0) throw SdkError("BELOW_ZERO_AMOUNT");
    return value;
  }
  function target(selector) {
    var el = null;
    try { el = typeof selector === "string" ? document.querySelector(selector) : null; } catch (e) { el = null; }
    if (!el) throw SdkError("INVALID_SELECTOR");
    return el;
  }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    for (var k in attrs || {}) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "style") node.style.cssText = attrs[k];
      else node.setAttribute(k, attrs[k]);
    }
    (children || []).forEach(function (c) { node.appendChild(c); });
    return node;
  }
  var uid = 0;

  function PaymentWidget(clientKey, customerKey, options) {
    if (typeof clientKey !== "string" || clientKey === "") throw SdkError("INVALID_CLIENT_KEY");
    if (/^(test|live)_(gsk|sk)_/.test(clientKey)) throw SdkError("INSECURE_KEY_USAGE");
    if (/^(test|live)_ck_/.test(clientKey)) throw SdkError("NOT_SUPPORTED_API_INDIVIDUAL_KEY");
    if (!/^test_gck_\w+$/.test(clientKey)) throw SdkError("INVALID_CLIENT_KEY");
    if (typeof customerKey !== "string" || (customerKey !== ANONYMOUS && !/^[A-Za-z0-9\-_=.@]{2,50}$/.test(customerKey))) {
      throw SdkError("INVALID_CUSTOMER_KEY");
    }
    void options;
    var id = ++uid;
    var state = {
      methods: null,
      amount: 0,
      selected: null,
      amountNode: null,
      agreement: null,
      agreed: CHOICES.agreementCheckedByDefault,
      busy: false
    };

    var memoryKey = "tosspayments-sandbox-method:" + customerKey;
    function recall() {
      if (customerKey === ANONYMOUS) return null;
      try { return window.localStorage.getItem(memoryKey); } catch (e) { return null; }
    }
    function remember(label) {
      if (customerKey === ANONYMOUS) return;
      try { window.localStorage.setItem(memoryKey, label); } catch (e) { /* storage off: nothing to remember */ }
    }
    function selectedMethod() {
      for (var i = 0; i < METHODS.length; i++) if (METHODS[i].label === state.selected) return METHODS[i];
      return null;
    }
    function agreementStatus() {
      return {
        agreedRequiredTerms: state.agreed,
        terms: [{ id: "sandbox-payment-terms", agreed: state.agreed, required: true,
          title: "[필수] 결제 서비스 이용 약관 동의",
          content: "토스페이먼츠 샌드박스의 결제 서비스 이용 약관입니다. 실제 결제는 일어나지 않습니다." }]
      };
    }

    function renderPaymentMethods(selector, amount, renderOptions) {
      var root = target(selector);
      var value = amountOf(amount);
      var variantKey = renderOptions && renderOptions.variantKey;
      if (state.methods && CHOICES.throwOnSecondRender) throw SdkError("PAYMENT_METHODS_WIDGET_ALREADY_RENDERED", "하나의 결제수단 위젯만을 사용할 수 있어요.");
      var listeners = {};
      var readyFired = false;
      state.amount = value;
      state.selected = variantKey === CHOICES.noDefaultVariantKey ? null : CHOICES.defaultMethod;
      // A known customer (not ANONYMOUS) finds the method they chose last in this browser.
      var remembered = recall();
      for (var r = 0; r < METHODS.length; r++) if (METHODS[r].label === remembered) state.selected = remembered;
      var name = "tosspayments-sandbox-method-" + id;
      var radios = METHODS.map(function (m) {
        var input = el("input", { type: "radio", name: name, value: m.label });
        input.checked = m.label === state.selected;
        input.addEventListener("change", function () {
          if (!input.checked) return;
          var previous = state.selected;
          state.selected = m.label;
          remember(m.label);
          if (previous) emit("customPaymentMethodUnselect", previous);
          emit("customPaymentMethodSelect", m.label);
        });
        return el("label", { style: "display:flex;gap:.5rem;align-items:center;padding:.4rem .6rem;border:1px solid #d0d7e2;border-radius:8px;cursor:pointer" },
          [input, el("span", { text: m.label })]);
      });
      state.amountNode = el("strong", { "data-testid": "tosspayments-sandbox-amount", text: won(value) });
      var box = el("div", { "data-tosspayments-sandbox": "payment-methods", style: "font:14px/1.4 system-ui,sans-serif;border:1px solid #3182f6;border-radius:12px;padding:12px" }, [
        el("fieldset", { style: "border:0;margin:0;padding:0;display:grid;gap:.4rem" },
          [el("legend", { text: "결제 수단 선택", style: "font-weight:600;margin-bottom:.4rem" })].concat(radios)),
        el("p", { style: "margin:.6rem 0 0" }, [document.createTextNode("결제 금액 "), state.amountNode]),
        el("p", { style: "margin:.2rem 0 0;color:#5f6b7a;font-size:12px", text: "토스페이먼츠 샌드박스 (테스트 결제)" })
      ]);
      root.replaceChildren(box);
      state.methods = box;
      function emit(event, arg) {
        (listeners[event] || []).forEach(function (cb) { try { cb(arg); } catch (e) { setTimeout(function () { throw e; }); } });
      }
      setTimeout(function () { readyFired = true; emit("ready"); }, 0);
      var widget = {
        UPDATE_REASON: { COUPON: "COUPON", POINT: "POINT" },
        updateAmount: function (amount2, reason) {
          void reason;
          state.amount = amountOf(amount2);
          if (state.amountNode) state.amountNode.textContent = won(state.amount);
        },
        on: function (event, cb) {
          (listeners[event] = listeners[event] || []).push(cb);
          if (event === "ready" && readyFired) setTimeout(function () { cb(); }, 0);
        },
        getSelectedPaymentMethod: function () {
          var m = selectedMethod();
          if (!m) return { type: "NORMAL" };
          var out = { type: "NORMAL", method: m.method };
          if (m.easyPay) out.easyPay = { provider: m.easyPay.provider };
          return out;
        }
      };
      return widget;
    }

    function renderAgreement(selector, agreementOptions) {
      var root = target(selector);
      void agreementOptions;
      if (state.agreement && CHOICES.throwOnSecondRender) throw SdkError("AGREEMENT_WIDGET_ALREADY_RENDERED");
      var listeners = [];
      var box = el("input", { type: "checkbox" });
      box.checked = state.agreed;
      box.addEventListener("change", function () {
        state.agreed = box.checked;
        var status = agreementStatus();
        listeners.forEach(function (cb) { try { cb(status); } catch (e) { setTimeout(function () { throw e; }); } });
      });
      root.replaceChildren(el("div", { "data-tosspayments-sandbox": "agreement", style: "font:14px/1.4 system-ui,sans-serif;padding:8px 0" }, [
        el("label", { style: "display:flex;gap:.5rem;align-items:center;cursor:pointer" }, [box, el("span", { text: "[필수] 결제 서비스 이용 약관 동의" })])
      ]));
      state.agreement = box;
      return {
        on: function (event, cb) { if (CHOICES.agreementEvents.indexOf(event) >= 0) listeners.push(cb); },
        getAgreementStatus: agreementStatus
      };
    }

    function validate(info) {
      if (!info || typeof info !== "object") return SdkError("INVALID_PARAMETERS", "결제 정보가 올바르지 않습니다.");
      if (!state.methods) return SdkError("NOT_SELECTED_PAYMENT_METHOD", "결제수단 위젯이 렌더링되지 않았어요. renderPaymentMethods를 먼저 호출해주세요.");
      if (typeof info.orderId !== "string" || !/^[A-Za-z0-9_-]{6,64}$/.test(info.orderId)) {
        return SdkError("INVALID_PARAMETERS", "orderId는 영문 대소문자, 숫자, 특수문자(-, _)로 이루어진 6자 이상 64자 이하의 문자열이어야 합니다.");
      }
      if (typeof info.orderName !== "string" || info.orderName.length < 1 || info.orderName.length > 100) {
        return SdkError("INVALID_PARAMETERS", "orderName은 1자 이상 100자 이하의 문자열이어야 합니다.");
      }
      if (info.customerEmail != null && (typeof info.customerEmail !== "string" || info.customerEmail.length > 100)) {
        return SdkError("INVALID_PARAMETERS", "customerEmail은 100자 이하의 문자열이어야 합니다.");
      }
      if (info.customerName != null && (typeof info.customerName !== "string" || info.customerName.length > 100)) {
        return SdkError("INVALID_PARAMETERS", "customerName은 100자 이하의 문자열이어야 합니다.");
      }
      if (info.customerMobilePhone != null && (typeof info.customerMobilePhone !== "string" || !/^\d{8,15}$/.test(info.customerMobilePhone))) {
        return SdkError("INVALID_PARAMETERS", "customerMobilePhone은 - 없이 숫자로만 구성된 8자 이상 15자 이하여야 합니다.");
      }
      var redirect = info.successUrl != null || info.failUrl != null;
      if (redirect && !isAbsoluteUrl(info.successUrl)) return SdkError("INCORRECT_SUCCESS_URL_FORMAT");
      if (redirect && !isAbsoluteUrl(info.failUrl)) return SdkError("INCORRECT_FAIL_URL_FORMAT");
      var taxFree = info.taxFreeAmount == null ? 0 : info.taxFreeAmount;
      if (typeof taxFree !== "number" || taxFree < 0 || Math.floor(taxFree) !== taxFree || taxFree > state.amount) {
        return SdkError("INVALID_PARAMETERS", "taxFreeAmount가 올바르지 않습니다.");
      }
      if (info.metadata != null) {
        if (typeof info.metadata !== "object") return SdkError("INVALID_METADATA");
        var keys = Object.keys(info.metadata);
        if (keys.length > 5) return SdkError("INVALID_METADATA");
        for (var i = 0; i < keys.length; i++) {
          var v = info.metadata[keys[i]];
          if (keys[i].length > 40 || /[\[\]]/.test(keys[i]) || String(v).length > 2000) return SdkError("INVALID_METADATA");
        }
      }
      if (!(state.amount > 0) || Math.floor(state.amount) !== state.amount) return SdkError("INVALID_AMOUNT_VALUE");
      if (!selectedMethod()) return SdkError("NOT_SELECTED_PAYMENT_METHOD");
      if (state.agreement && !state.agreed) return SdkError("NEED_AGREEMENT_WITH_REQUIRED_TERMS");
      if (state.busy) return SdkError("INVALID_METHOD_TRANSACTION");
      return null;
    }

    function windowUrl(info, mode) {
      var m = selectedMethod();
      var q = new URLSearchParams();
      q.set("clientKey", clientKey);
      q.set("customerKey", customerKey);
      q.set("orderId", info.orderId);
      q.set("orderName", info.orderName);
      q.set("amount", String(state.amount));
      q.set("method", m.method);
      if (info.successUrl) q.set("successUrl", info.successUrl);
      if (info.failUrl) q.set("failUrl", info.failUrl);
      ["customerName", "customerEmail", "customerMobilePhone"].forEach(function (k) { if (info[k] != null) q.set(k, info[k]); });
      if (info.taxFreeAmount != null) q.set("taxFreeAmount", String(info.taxFreeAmount));
      if (info.taxExemptionAmount != null) q.set("taxExemptionAmount", String(info.taxExemptionAmount));
      if (info.useEscrow) q.set("useEscrow", "true");
      if (info.cultureExpense) q.set("cultureExpense", "true");
      if (info.metadata != null) {
        var md = {};
        Object.keys(info.metadata).forEach(function (k) { md[k] = String(info.metadata[k]); });
        q.set("metadata", JSON.stringify(md));
      }
      q.set("mode", mode);
      if (mode === "promise") q.set("parentOrigin", window.location.origin);
      return ORIGIN + "/payment-window?" + q.toString();
    }

    function requestPayment(info) {
      return new Promise(function (resolve, reject) {
        var err = validate(info);
        if (err) return reject(err);
        state.busy = true;
        if (info.successUrl != null) {
          window.location.assign(windowUrl(info, "redirect"));
          return; // the page navigates away; the promise never settles
        }
        var overlay = el("div", { role: "dialog", "aria-modal": "true", "aria-label": "토스페이먼츠 결제창",
          style: "position:fixed;inset:0;z-index:2147483647;background:rgba(0,0,0,.45);display:flex;align-items:center;justify-content:center" });
        var frame = el("iframe", { title: "토스페이먼츠 결제창", src: windowUrl(info, "promise"),
          style: "width:min(440px,95vw);height:min(640px,95vh);border:0;border-radius:16px;background:#fff" });
        overlay.appendChild(frame);
        document.body.appendChild(overlay);
        function onMessage(event) {
          if (event.origin !== ORIGIN || !event.data || event.data.source !== "tosspayments-sandbox") return;
          window.removeEventListener("message", onMessage);
          overlay.remove();
          state.busy = false;
          var d = event.data;
          if (d.result === "success") resolve({ paymentType: "NORMAL", paymentKey: d.paymentKey, orderId: d.orderId, amount: Number(d.amount) });
          else reject(SdkError(d.code, d.message));
        }
        window.addEventListener("message", onMessage);
      });
    }

    return { renderPaymentMethods: renderPaymentMethods, renderAgreement: renderAgreement, requestPayment: requestPayment };
  }
  PaymentWidget.ANONYMOUS = ANONYMOUS;
  PaymentWidget.version = "sandbox-1.0.0";
  PaymentWidget.__versionHash__ = "jangteo-sandbox";
  window.PaymentWidget = PaymentWidget;
})();
`;

export function widgetScript(origin: string): string {
  return SCRIPT.replace("__CHOICES__", JSON.stringify(WIDGET_CHOICES)).replace("__ORIGIN__", origin.replace(/[^\w:/.\-[\]]/g, ""));
}
