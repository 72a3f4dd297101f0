import { expect, test } from "@playwright/test";

// The Toss sandbox on its own: the real @tosspayments/payment-widget-sdk loadPaymentWidget loads
// the sandbox's widget script (src), renders methods and agreement, and the payment window sends
// the browser to the success URL with the four parameters.
const sandbox = process.env.SANDBOX_E2E_URL ?? "http://127.0.0.1:4200";
const secretKey = process.env.TOSS_CONTRACT_SECRET_KEY ?? "test_gsk_jangteo_sandbox_OaPz8L5KdmQXkzRz";
const authorization = `Basic ${Buffer.from(`${secretKey}:`).toString("base64")}`;

test("the real SDK loads the sandbox widget and an approved payment lands on the success URL", async ({ page, request }) => {
  await page.goto(`${sandbox}/__sandbox/demo?amount=12000`);
  await expect(page.getByRole("status")).toHaveText("ready");
  expect(await page.evaluate(() => (window as unknown as { PaymentWidget: { version: string } }).PaymentWidget.version)).toMatch(/^sandbox/);

  const card = page.getByRole("radio", { name: "카드", exact: true });
  await expect(card).toBeChecked();
  for (const name of ["계좌이체", "가상계좌", "토스페이"]) await expect(page.getByRole("radio", { name })).toBeVisible();
  // keyboard: arrows move the selection like any radio group
  await card.focus();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("radio", { name: "계좌이체" })).toBeChecked();
  await page.getByRole("radio", { name: "토스페이" }).check();

  // the required terms are not agreed yet
  await page.getByRole("button", { name: "결제하기" }).click();
  await expect(page.getByRole("alert")).toContainText("NEED_AGREEMENT_WITH_REQUIRED_TERMS");
  await page.getByRole("checkbox", { name: /필수/ }).check();
  await page.getByRole("button", { name: "결제하기" }).click();

  await expect(page).toHaveURL(/\/payment-window\?/);
  await expect(page.getByTestId("amount")).toHaveText("12,000원");
  await expect(page.getByTestId("order-name")).toHaveText("장터 데모 주문");
  await expect(page.getByTestId("method")).toHaveText("토스페이");
  await page.getByRole("button", { name: "결제 승인" }).click();

  await page.waitForURL(/\/__sandbox\/echo\/success\?/);
  const url = new URL(page.url());
  expect(url.searchParams.get("from")).toBe("demo"); // the query already on successUrl is kept
  expect(url.searchParams.get("paymentType")).toBe("NORMAL");
  expect(url.searchParams.get("amount")).toBe("12000");
  const orderId = url.searchParams.get("orderId")!;
  const paymentKey = url.searchParams.get("paymentKey")!;
  expect(orderId).toMatch(/^demo_\w+$/);
  expect(paymentKey).not.toBe("");

  const confirm = await request.post(`${sandbox}/v1/payments/confirm`, {
    headers: { authorization },
    data: { paymentKey, orderId, amount: url.searchParams.get("amount") },
  });
  expect(confirm.status()).toBe(200);
  const payment = await confirm.json();
  expect(payment).toMatchObject({ status: "DONE", method: "간편결제", totalAmount: 12000, easyPay: { provider: "토스페이" } });
});

test("virtual account: the window offers a bank; cancel and card rejection go to failUrl", async ({ page, request }) => {
  await page.goto(`${sandbox}/__sandbox/demo?amount=30000`);
  await expect(page.getByRole("status")).toHaveText("ready");
  await page.getByRole("radio", { name: "가상계좌" }).check();
  await page.getByRole("checkbox", { name: /필수/ }).check();
  await page.getByRole("button", { name: "결제하기" }).click();
  await page.getByLabel("입금 은행").selectOption({ label: "우리은행" });
  await page.getByRole("button", { name: "결제 승인" }).click();
  await page.waitForURL(/\/__sandbox\/echo\/success\?/);
  const url = new URL(page.url());
  const confirm = await request.post(`${sandbox}/v1/payments/confirm`, {
    headers: { authorization },
    data: { paymentKey: url.searchParams.get("paymentKey"), orderId: url.searchParams.get("orderId"), amount: 30000 },
  });
  const payment = await confirm.json();
  expect(payment).toMatchObject({ status: "WAITING_FOR_DEPOSIT", virtualAccount: { bankCode: "20", expired: false } });
  expect(payment.secret).toMatch(/^ps_/);

  for (const [button, code] of [
    ["결제 취소", "PAY_PROCESS_CANCELED"],
    ["카드 거절", "REJECT_CARD_COMPANY"],
  ] as const) {
    await page.goto(`${sandbox}/__sandbox/demo`);
    await expect(page.getByRole("status")).toHaveText("ready");
    await page.getByRole("checkbox", { name: /필수/ }).check();
    await page.getByRole("button", { name: "결제하기" }).click();
    await page.getByRole("button", { name: button }).click();
    await page.waitForURL(/\/__sandbox\/echo\/fail\?/);
    const fail = new URL(page.url());
    expect(fail.searchParams.get("code")).toBe(code);
    expect(fail.searchParams.get("message")).not.toBe("");
    expect(fail.searchParams.get("orderId")).toMatch(/^demo_/);
  }
});

test("promise mode resolves with the payment, and rejects with USER_CANCEL", async ({ page }) => {
  await page.goto(`${sandbox}/__sandbox/demo?amount=5000`);
  await expect(page.getByRole("status")).toHaveText("ready");
  await page.getByRole("checkbox", { name: /필수/ }).check();
  type W = { __sandboxWidget: { widget: { requestPayment(i: unknown): Promise<unknown> } } };
  const request = (orderId: string) =>
    page.evaluate(
      (id) =>
        (window as unknown as W).__sandboxWidget.widget
          .requestPayment({ orderId: id, orderName: "약속 주문" })
          .then((r) => ({ ok: r }), (e: { code: string }) => ({ error: e.code })),
      orderId,
    );
  const approved = request(`promise_${Date.now()}`);
  await page.frameLocator('iframe[title="토스페이먼츠 결제창"]').getByRole("button", { name: "결제 승인" }).click();
  expect(await approved).toMatchObject({ ok: { paymentType: "NORMAL", amount: 5000 } });

  const canceled = request(`promise_${Date.now()}_2`);
  await page.frameLocator('iframe[title="토스페이먼츠 결제창"]').getByRole("button", { name: "결제 취소" }).click();
  expect(await canceled).toEqual({ error: "USER_CANCEL" });
});
