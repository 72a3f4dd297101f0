import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { adminAccounts } from "./admin-accounts";
import { signIn } from "./admin-helpers";
import { checkoutWith } from "./payment-helpers";
import { e2eUrls } from "./ports";
import { screens } from "./viewports";

test.describe.configure({ timeout: 90_000 });

async function askForReceipt(page: Page, type: "소득공제" | "지출증빙", number: string) {
  const receipt = page.getByRole("group", { name: "현금영수증" });
  await receipt.getByRole("radio", { name: type }).check();
  await receipt.getByRole("textbox", { name: type === "소득공제" ? "휴대폰 번호" : "사업자등록번호" }).fill(number);
}

test.describe("phone", () => {
  test.use(screens[0]!.use);

  test("a virtual-account shopper asks for a 소득공제 현금영수증 in the payment window and finds it on the order page once deposited", async ({ page, request }) => {
    const { orderId } = await checkoutWith(page, "yuja-tea", "가상계좌");
    await askForReceipt(page, "소득공제", "010-1234-5678");
    await page.getByRole("button", { name: "결제 승인" }).click();
    await expect(page.getByTestId("order-status")).toHaveText("입금 대기");
    expect((await request.post(`${e2eUrls.sandbox}/__sandbox/virtual-accounts/${orderId}/deposit`, { data: {} })).ok()).toBe(true);
    await expect(page.getByTestId("order-status")).toHaveText("결제 완료", { timeout: 15_000 });

    const section = page.getByRole("region", { name: "현금영수증" });
    await expect(section).toContainText("소득공제");
    await expect(section).toContainText("010****5678");
    await expect(section.getByTestId("cash-receipt-issue-number")).toHaveText(/^\d{9}$/);
    await expect(section.getByRole("link", { name: "현금영수증 보기" })).toHaveAttribute("href", /^https:\/\/dashboard-sandbox\.tosspayments\.com\/receipt\/cash-receipt\?/);
  });

  test("a 계좌이체 for a business gets a 지출증빙 receipt, and a refund cancels it as Toss reports, for the shopper and the owner", async ({ page, request, browser, sandbox }) => {
    const { orderId } = await checkoutWith(page, "yuja-tea", "계좌이체");
    await askForReceipt(page, "지출증빙", "123-45-67890");
    await page.getByRole("button", { name: "결제 승인" }).click();
    await expect(page.getByTestId("order-status")).toHaveText("결제 완료");
    const section = page.getByRole("region", { name: "현금영수증" });
    await expect(section).toContainText("지출증빙");
    await expect(section).toContainText("12345*****");

    const listed = (await (await request.get(`${e2eUrls.sandbox}/__sandbox/payments?orderId=${orderId}`)).json()) as { payments: { payment: { paymentKey: string; totalAmount: number } }[] };
    const { paymentKey, totalAmount } = listed.payments[0]!.payment;
    expect((await request.post(`${e2eUrls.sandbox}/__sandbox/payments/${paymentKey}/cancel`, { data: { cancelReason: "고객 요청" } })).ok()).toBe(true);
    // Toss's webhook says so; the store takes it once 10 s have passed since it last read this
    // payment (a hint that came while the confirm was in flight may have read it just now).
    await expect(async () => {
      await sandbox.redeliverPending(orderId);
      await page.reload();
      await expect(page.getByTestId("order-status")).toHaveText("주문 취소", { timeout: 1_000 });
    }).toPass({ intervals: [1_000], timeout: 40_000 });
    await expect(section.getByTestId("cash-receipt-history")).toContainText(`취소 ${totalAmount.toLocaleString("ko-KR")}원`);

    const owner = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(owner, adminAccounts.owner, `/admin/orders/${orderId}`);
    await owner.goto(`/admin/orders/${orderId}`);
    const adminSection = owner.getByRole("region", { name: "현금영수증" });
    await expect(adminSection).toContainText("지출증빙");
    await expect(adminSection.getByRole("link", { name: "현금영수증 보기" })).toBeVisible();
    await expect(adminSection.getByTestId("cash-receipt-history")).toContainText(`취소 ${totalAmount.toLocaleString("ko-KR")}원`);
    await owner.close();
  });
});
