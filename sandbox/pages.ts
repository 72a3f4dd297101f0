import { DEFAULT_CLIENT_KEY, mIdOf, merchantOf } from "./choices";
import { Core, failRedirect } from "./core";
import { ERRORS, TossError } from "./errors";
import { Reply, html, redirect } from "./http";
import { BANKS, DEFAULT_BANK_CODE, escapeHtml as e, formatWon } from "./util";

const STYLE = `body{font:15px/1.5 system-ui,-apple-system,"Apple SD Gothic Neo",sans-serif;margin:0;background:#f2f4f6;color:#191f28}
main{max-width:440px;margin:24px auto;background:#fff;border-radius:16px;padding:24px;box-shadow:0 2px 12px rgba(0,0,0,.08)}
h1{font-size:18px;margin:0 0 16px}dl{display:grid;grid-template-columns:auto 1fr;gap:6px 16px;margin:0 0 20px}dt{color:#6b7684}dd{margin:0;font-weight:600}
button{font:inherit;border:0;border-radius:10px;padding:12px;cursor:pointer;width:100%;margin-top:8px}
button:focus-visible,select:focus-visible{outline:3px solid #3182f6;outline-offset:2px}
.primary{background:#3182f6;color:#fff}.secondary{background:#e8f3ff;color:#1b64da}.danger{background:#fee;color:#c0392b}
label{display:block;margin:8px 0 4px;color:#4e5968}select{font:inherit;width:100%;padding:8px;border-radius:8px}
.note{color:#8b95a1;font-size:12px;margin-top:16px}table{border-collapse:collapse;width:100%;font-size:13px}td,th{border-bottom:1px solid #e5e8eb;padding:4px 6px;text-align:left;vertical-align:top}`;

function page(title: string, body: string, wide = false): string {
  const width = wide ? "<style>main{max-width:1100px}</style>" : "";
  return `<!doctype html><html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${e(title)}</title><style>${STYLE}</style>${width}</head><body>${body}</body></html>`;
}

function windowQuery(url: URL): Record<string, unknown> {
  const q = Object.fromEntries(url.searchParams);
  const out: Record<string, unknown> = { ...q };
  for (const k of ["useEscrow", "cultureExpense"]) if (k in q) out[k] = q[k] === "true";
  if (q.metadata !== undefined) {
    try {
      out.metadata = JSON.parse(q.metadata);
    } catch {
      out.metadata = "invalid";
    }
  }
  delete out.mode;
  delete out.parentOrigin;
  return out;
}

function methodLabel(method: string): string {
  return method === "간편결제" || method === "EASY_PAY" || method === "토스페이" ? "토스페이" : method;
}

/** GET /payment-window — what the widget opens in redirect mode (and in an iframe in promise mode). */
export function paymentWindow(core: Core, url: URL): Reply {
  const q = url.searchParams;
  const clientKey = q.get("clientKey") ?? DEFAULT_CLIENT_KEY;
  const amount = Number(q.get("amount"));
  const method = q.get("method") ?? "";
  const problems: string[] = [];
  if (!q.get("orderId")) problems.push("orderId");
  if (!q.get("orderName")) problems.push("orderName");
  if (!Number.isInteger(amount) || amount <= 0) problems.push("amount");
  if (!["카드", "계좌이체", "가상계좌", "간편결제"].includes(method)) problems.push("method");
  if (problems.length) {
    return html(400, page("결제창 오류", `<main><h1>결제창을 열 수 없습니다</h1><p role="alert">잘못된 결제 정보: ${e(problems.join(", "))}</p></main>`));
  }
  const isVa = method === "가상계좌";
  const bankSelect = isVa
    ? `<label for="bankCode">입금 은행</label><select id="bankCode" name="bankCode">${BANKS.filter((b) => b.virtualAccount)
        .map((b) => `<option value="${b.code}"${b.code === DEFAULT_BANK_CODE ? " selected" : ""}>${e(b.name)}</option>`)
        .join("")}</select>`
    : "";
  // Toss's window offers 현금영수증 for the cash-like methods: 소득공제 (phone) or 지출증빙 (business number).
  const cashReceipt =
    method === "계좌이체" || method === "가상계좌"
      ? `<fieldset id="cash-receipt" style="border:1px solid #e5e8eb;border-radius:10px;margin:12px 0;padding:8px 12px"><legend>현금영수증</legend>
<label><input type="radio" name="cashReceiptType" value="" checked> 신청 안 함</label>
<label><input type="radio" name="cashReceiptType" value="소득공제"> 소득공제</label>
<label><input type="radio" name="cashReceiptType" value="지출증빙"> 지출증빙</label>
<label for="cashReceiptNumber" id="cashReceiptNumberLabel">휴대폰 번호</label><input id="cashReceiptNumber" name="cashReceiptNumber" inputmode="numeric" autocomplete="off" style="font:inherit;width:100%;box-sizing:border-box;padding:8px;border-radius:8px;border:1px solid #c9cdd2">
</fieldset>`
      : "";
  const body = `<main aria-labelledby="title">
<h1 id="title">토스페이먼츠 샌드박스 결제창</h1>
<dl>
<dt>상점</dt><dd data-testid="merchant">${e(mIdOf(merchantOf(clientKey)))}</dd>
<dt>주문명</dt><dd data-testid="order-name">${e(q.get("orderName"))}</dd>
<dt>결제 금액</dt><dd data-testid="amount">${e(formatWon(amount))}</dd>
<dt>결제 수단</dt><dd data-testid="method">${e(methodLabel(method))}</dd>
<dt>주문번호</dt><dd data-testid="order-id">${e(q.get("orderId"))}</dd>
</dl>
<form method="post" action="${e(`/payment-window?${q.toString()}`)}" id="decision-form">
${bankSelect}
${cashReceipt}
<button class="primary" type="submit" name="decision" value="approve">결제 승인</button>
<button class="secondary" type="submit" name="decision" value="cancel">결제 취소</button>
<button class="danger" type="submit" name="decision" value="reject">카드 거절</button>
<input type="hidden" name="decision" id="decision">
</form>
<p id="waiting" role="status"></p>
<p class="note">테스트 결제창입니다. 실제로 돈이 나가지 않습니다. 승인 후 10분 안에 결제 승인 API를 호출하지 않으면 결제가 만료됩니다.</p>
</main>
<script>
// One decision per window: while the shop confirms (which can be slow), every button waits.
document.getElementById("decision-form").addEventListener("submit", function (ev) {
  var form = ev.currentTarget;
  if (form.dataset.sent) { ev.preventDefault(); return; }
  form.dataset.sent = "1";
  document.getElementById("decision").value = ev.submitter ? ev.submitter.value : "approve";
  form.querySelectorAll("button").forEach(function (b) { b.disabled = true; b.setAttribute("aria-disabled", "true"); });
  document.getElementById("waiting").textContent = "결제를 처리하고 있어요…";
});
// The number asked for follows the kind of receipt.
document.querySelectorAll('input[name="cashReceiptType"]').forEach(function (r) {
  r.addEventListener("change", function () {
    var label = document.getElementById("cashReceiptNumberLabel");
    if (label) label.textContent = r.value === "지출증빙" ? "사업자등록번호" : "휴대폰 번호";
  });
});
// Back to this page from the shop: the buttons work again.
window.addEventListener("pageshow", function () {
  var form = document.getElementById("decision-form");
  delete form.dataset.sent;
  form.querySelectorAll("button").forEach(function (b) { b.disabled = false; b.removeAttribute("aria-disabled"); });
  document.getElementById("waiting").textContent = "";
});
</script>`;
  return html(200, page("토스페이먼츠 결제창 (샌드박스)", body));
}

/** POST /payment-window — the tester's decision. */
export function decidePayment(core: Core, url: URL, form: URLSearchParams): Reply {
  const q = url.searchParams;
  const mode = q.get("mode") === "promise" ? "promise" : "redirect";
  const orderId = q.get("orderId") ?? "";
  const failUrl = q.get("failUrl");
  const decision = form.get("decision");

  const fail = (code: string, message: string): Reply => {
    if (mode === "promise") return postResult(q, { result: "fail", code: code === "PAY_PROCESS_CANCELED" ? "USER_CANCEL" : code, message: code === "PAY_PROCESS_CANCELED" ? "취소되었습니다." : message });
    if (failUrl && URL.canParse(failUrl)) return redirect(failRedirect(failUrl, code, message, orderId));
    return html(400, page("결제 실패", `<main><h1>결제 실패</h1><p role="alert">${e(code)}: ${e(message)}</p></main>`));
  };

  if (decision === "cancel") return fail("PAY_PROCESS_CANCELED", ERRORS.PAY_PROCESS_CANCELED![1]);
  if (decision === "reject") return fail("REJECT_CARD_COMPANY", ERRORS.REJECT_CARD_COMPANY![1]);
  if (decision !== "approve") return html(400, page("결제창 오류", `<main><h1>알 수 없는 선택입니다</h1></main>`));

  const input = windowQuery(url);
  const bankCode = form.get("bankCode");
  if (bankCode) input.bankCode = bankCode;
  const cashReceiptType = form.get("cashReceiptType");
  if (cashReceiptType) input.cashReceipt = { type: cashReceiptType, customerIdentityNumber: form.get("cashReceiptNumber") ?? "" };
  if (mode === "promise") delete input.successUrl;
  try {
    const { record, successUrl } = core.authorize(input);
    const p = record.payment;
    if (mode === "promise" || !successUrl) {
      return postResult(q, { result: "success", paymentKey: p.paymentKey, orderId: p.orderId, amount: p.totalAmount });
    }
    return redirect(successUrl);
  } catch (err) {
    if (err instanceof TossError) return fail(err.code, err.message);
    throw err;
  }
}

function postResult(q: URLSearchParams, message: Record<string, unknown>): Reply {
  const parentOrigin = q.get("parentOrigin");
  const target = parentOrigin && /^https?:\/\/[^/]+$/.test(parentOrigin) ? parentOrigin : "*";
  const data = JSON.stringify({ source: "tosspayments-sandbox", ...message }).replace(/</g, "\\u003c");
  return html(
    200,
    page(
      "결제 결과",
      `<main><h1>결제 결과를 전달하는 중…</h1></main><script>(window.parent!==window?window.parent:window.opener).postMessage(${data},${JSON.stringify(target)});</script>`,
    ),
  );
}

/** GET /__sandbox/demo — a shop page using the real SDK's loadPaymentWidget with src = this sandbox. */
export function demoPage(): Reply {
  const body = `<main>
<h1>샌드박스 데모 결제</h1>
<p>@tosspayments/payment-widget-sdk의 <code>loadPaymentWidget</code>으로 이 샌드박스의 위젯 스크립트를 불러옵니다.</p>
<div id="payment-methods"></div>
<div id="agreement"></div>
<p id="status" role="status">loading</p>
<p id="error" role="alert"></p>
<button id="pay" class="primary" type="button" disabled>결제하기</button>
</main>
<script type="module">
import { loadPaymentWidget, ANONYMOUS } from "/__sandbox/sdk/payment-widget-sdk.js";
const params = new URLSearchParams(location.search);
const amount = Number(params.get("amount") || "15000");
const status = document.getElementById("status");
const error = document.getElementById("error");
const pay = document.getElementById("pay");
try {
  const widget = await loadPaymentWidget(params.get("clientKey") || ${JSON.stringify(DEFAULT_CLIENT_KEY)}, params.get("customerKey") || ANONYMOUS, undefined, { src: location.origin + "/v1/payment-widget" });
  const methods = widget.renderPaymentMethods("#payment-methods", { value: amount }, { variantKey: "DEFAULT" });
  widget.renderAgreement("#agreement", { variantKey: "AGREEMENT" });
  methods.on("ready", () => { pay.disabled = false; status.textContent = "ready"; });
  window.__sandboxWidget = { widget, methods };
  pay.addEventListener("click", async () => {
    error.textContent = "";
    try {
      await widget.requestPayment({
        orderId: params.get("orderId") || "demo_" + crypto.randomUUID().replaceAll("-", ""),
        orderName: params.get("orderName") || "장터 데모 주문",
        customerName: "김토스",
        successUrl: location.origin + "/__sandbox/echo/success?from=demo",
        failUrl: location.origin + "/__sandbox/echo/fail?from=demo",
      });
    } catch (e) {
      error.textContent = (e.code || "ERROR") + ": " + e.message;
    }
  });
} catch (e) {
  error.textContent = "load failed: " + e.message;
}
</script>`;
  return html(200, page("샌드박스 데모", body));
}

/** GET /__sandbox/echo/* — a landing page that shows what it was called with. */
export function echoPage(url: URL): Reply {
  const rows = [...url.searchParams]
    .map(([k, v]) => `<dt>${e(k)}</dt><dd data-testid="param-${e(k)}">${e(v)}</dd>`)
    .join("");
  const json = JSON.stringify(Object.fromEntries(url.searchParams)).replace(/</g, "\\u003c");
  return html(
    200,
    page("echo", `<main><h1>${e(url.pathname)}</h1><dl>${rows}</dl><pre id="query">${e(json)}</pre></main>`),
  );
}

/** GET / — payments and deliveries for humans, with the control actions. */
export function homePage(core: Core): Reply {
  const payments = [...core.payments.values()].reverse().slice(0, 200);
  const deliveries = [...core.webhooks.deliveries.values()].reverse().slice(0, 200);
  const pRows = payments
    .map(({ payment: p }) => {
      const va = p.method === "가상계좌";
      const actions = [
        va && p.status === "WAITING_FOR_DEPOSIT" ? btn("입금", `/__sandbox/virtual-accounts/${p.orderId}/deposit`) : "",
        va && p.status === "WAITING_FOR_DEPOSIT" ? btn("입금 전 취소", `/__sandbox/virtual-accounts/${p.orderId}/cancel-deposit`) : "",
        va && p.status === "WAITING_FOR_DEPOSIT" ? btn("기한 만료", `/__sandbox/virtual-accounts/${p.orderId}/expire`) : "",
        va && p.status === "DONE" ? btn("입금 오류", `/__sandbox/virtual-accounts/${p.orderId}/deposit-error`) : "",
      ].join(" ");
      return `<tr><td><code>${e(p.paymentKey)}</code></td><td>${e(p.orderId)}</td><td>${e(p.orderName)}</td><td>${e(p.method)}</td><td>${e(formatWon(p.totalAmount))} / ${e(formatWon(p.balanceAmount))}</td><td>${e(p.status)}${p.virtualAccount?.expired ? " (expired)" : ""}</td><td>${e(p.requestedAt)}</td><td>${actions}</td></tr>`;
    })
    .join("");
  const dRows = deliveries
    .map(
      (d) =>
        `<tr><td><code>${e(d.id)}</code></td><td>${e(d.eventType)}</td><td>${e(d.orderId)}</td><td>${e(d.paymentStatus)}</td><td>${e(d.status)}</td><td>${d.attempts
          .map((a) => `${e(a.at)} → ${e(a.statusCode ?? a.error)}`)
          .join("<br>")}</td><td>${e(d.nextAttemptAt ?? "")}</td><td>${btn("다시 시도", `/__sandbox/webhooks/${d.id}/redeliver`)}</td></tr>`,
    )
    .join("");
  const body = `<main>
<h1>토스페이먼츠 샌드박스</h1>
<p>시각 ${e(new Date(core.clock.now()).toISOString())} · 웹훅 URL <code>${e(core.config.webhookUrl ?? "(없음)")}</code> · <a href="/__sandbox/demo">데모 결제</a></p>
<p>${btn("시계 +10분", "/__sandbox/clock/advance", { minutes: 10 })} ${btn("시계 +1일", "/__sandbox/clock/advance", { minutes: 1440 })} ${btn("전체 초기화", "/__sandbox/reset")}</p>
<h2>결제</h2><table><thead><tr><th>paymentKey</th><th>orderId</th><th>주문명</th><th>수단</th><th>금액/잔액</th><th>상태</th><th>요청</th><th></th></tr></thead><tbody>${pRows}</tbody></table>
<h2>웹훅</h2><table><thead><tr><th>id</th><th>event</th><th>orderId</th><th>결제 상태</th><th>전송</th><th>시도</th><th>다음 시도</th><th></th></tr></thead><tbody>${dRows}</tbody></table>
</main>
<script>document.addEventListener("click",async(ev)=>{const b=ev.target.closest("button[data-post]");if(!b)return;b.disabled=true;const r=await fetch(b.dataset.post,{method:"POST",headers:{"content-type":"application/json"},body:b.dataset.body||"{}"});if(!r.ok)alert(await r.text());location.reload();});</script>`;
  return html(200, page("토스페이먼츠 샌드박스", body, true));
}

function btn(label: string, path: string, body?: unknown): string {
  const data = body === undefined ? "" : ` data-body="${e(JSON.stringify(body))}"`;
  return `<button type="button" style="width:auto;padding:4px 8px;margin:0" class="secondary" data-post="${e(path)}"${data}>${e(label)}</button>`;
}
