import type { Page } from "@playwright/test";
import { isActionPost, replayAction } from "./action-replay";
import { adminAccounts } from "./admin-accounts";
import { signIn } from "./admin-helpers";
import { expect, test, type Sandbox } from "./fixtures";
import { paidCardOrder, paidVirtualAccountOrder } from "./paid-orders";

// Each journey is a shopper's checkout plus one or two signed-in back-office pages; the transfer
// journeys also wait out the store's ten seconds between two Toss reads for unauthenticated webhooks.
test.describe.configure({ timeout: 90_000 });

/**
 * The bank finishes a pending refund transfer; Toss announces it by webhook, and delivers it again
 * until the store takes it (the store answers 503 while it read this payment moments ago).
 */
async function finishTransfer(sandbox: Sandbox, orderId: string, result: "COMPLETED" | "FAILED", landed: () => Promise<void>) {
  await sandbox.finishRefundTransfer(orderId, result);
  await expect(async () => {
    await sandbox.redeliverPending(orderId);
    await landed();
  }).toPass({ intervals: [1_000], timeout: 40_000 });
}

/** The payment as Toss holds it, and how many cancel calls from the store reached it. */
async function tossSide(sandbox: Sandbox, orderId: string) {
  const { payment, sandbox: calls } = await sandbox.payment(orderId);
  return { payment, cancelCalls: calls.calls.cancel.total };
}

const won = (amount: number) => `${amount.toLocaleString("ko-KR")}원`;

async function openRefundDialog(owner: Page) {
  await owner.getByRole("button", { name: "환불하기" }).click();
  const dialog = owner.getByRole("dialog", { name: "환불" });
  await expect(dialog).toBeVisible();
  return dialog;
}

test("an owner refunds part of a card order and then the rest; Toss and the order agree at each step, and the shopper sees both refunds", async ({ page, browser, sandbox }) => {
  const orderId = await paidCardOrder(page, "yuja-tea");
  const { payment: paid } = await tossSide(sandbox, orderId);
  const total = paid.totalAmount;

  const owner = await browser.newPage();
  await signIn(owner, adminAccounts.owner, `/admin/orders/${orderId}`);
  await owner.goto(`/admin/orders/${orderId}`);
  await expect(owner.getByTestId("payment-balance")).toHaveText(won(total));

  let dialog = await openRefundDialog(owner);
  await expect(dialog.getByTestId("refund-balance")).toHaveText(won(total));
  await dialog.getByRole("radio", { name: "부분 환불" }).check();
  // A line quantity computes the total; the owner then edits it by hand.
  await dialog.getByRole("spinbutton", { name: /환불 수량/ }).fill("1");
  await expect(dialog.getByRole("spinbutton", { name: "환불 금액" })).toHaveValue(String(total));
  await dialog.getByRole("spinbutton", { name: "환불 금액" }).fill("5000");
  await dialog.getByRole("textbox", { name: "환불 사유" }).fill("포장 일부 파손");
  // A double click is one refund: the button is disabled while the first submit runs, and the key is shared.
  await dialog.getByRole("button", { name: /환불 실행/ }).dblclick();
  await expect(owner.getByTestId("refund-result")).toContainText("환불했어요");
  await expect(owner.getByTestId("payment-balance")).toHaveText(won(total - 5000));
  await expect(owner.getByRole("heading", { level: 1 }).locator("..")).toContainText("부분 취소");

  let toss = await tossSide(sandbox, orderId);
  expect(toss.payment.status).toBe("PARTIAL_CANCELED");
  expect(toss.payment.balanceAmount).toBe(total - 5000);
  expect(toss.cancelCalls).toBe(1);

  dialog = await openRefundDialog(owner);
  await expect(dialog.getByTestId("refund-balance")).toHaveText(won(total - 5000));
  await dialog.getByRole("textbox", { name: "환불 사유" }).fill("고객 변심으로 나머지 환불");
  await dialog.getByRole("button", { name: `${won(total - 5000)} 환불 실행` }).click();
  await expect(owner.getByTestId("refund-result")).toContainText("남은 취소 가능 잔액 0원");
  await expect(owner.getByTestId("payment-balance")).toHaveText("0원");
  await expect(owner.getByRole("button", { name: "환불하기" })).toHaveCount(0);
  await expect(owner.getByTestId("admin-cancel-row")).toHaveCount(2);

  toss = await tossSide(sandbox, orderId);
  expect(toss.payment.status).toBe("CANCELED");
  expect(toss.payment.balanceAmount).toBe(0);
  expect(toss.payment.cancels?.map((c) => c.cancelAmount)).toEqual([5000, total - 5000]);
  expect(toss.cancelCalls).toBe(2);

  await page.reload();
  await expect(page.getByTestId("order-status")).toHaveText("주문 취소");
  const refunds = page.getByTestId("order-refunds").getByRole("listitem");
  await expect(refunds).toHaveCount(2);
  await expect(refunds.nth(0)).toContainText(won(5000));
  await expect(refunds.nth(1)).toContainText(won(total - 5000));
  await expect(refunds.nth(0)).toContainText("결제한 카드로 취소");
  await owner.close();
});

test("an owner refunds a paid virtual-account order to a refund account; the transfer shows as pending until Toss reports it complete", async ({ page, browser, sandbox }) => {
  const orderId = await paidVirtualAccountOrder(page, sandbox, "yuja-tea");
  const { payment: paid } = await tossSide(sandbox, orderId);
  // The bank takes its time with this one: the refund stays PENDING until the sandbox's bank finishes it.
  await sandbox.holdRefundTransfers(orderId);

  const owner = await browser.newPage();
  await signIn(owner, adminAccounts.owner, `/admin/orders/${orderId}`);
  await owner.goto(`/admin/orders/${orderId}`);
  const dialog = await openRefundDialog(owner);
  await dialog.getByRole("textbox", { name: "환불 사유" }).fill("품절로 주문 취소");
  await dialog.getByRole("combobox", { name: "환불 받을 은행" }).selectOption({ label: "신한은행" });
  // A refund account Toss would refuse is refused here first, and nothing reaches Toss.
  await dialog.getByRole("textbox", { name: "계좌번호" }).fill("12-34");
  await dialog.getByRole("textbox", { name: "예금주" }).fill("김토스");
  await dialog.getByRole("button", { name: /환불 실행/ }).click();
  await expect(dialog.getByText("계좌번호는 숫자 6~20자리로 입력해 주세요")).toBeVisible();
  expect((await tossSide(sandbox, orderId)).cancelCalls).toBe(0);

  await dialog.getByRole("textbox", { name: "계좌번호" }).fill("110-123-456789");
  await dialog.getByRole("button", { name: `${won(paid.totalAmount)} 환불 실행` }).click();
  await expect(owner.getByTestId("refund-result")).toContainText("환불했어요");
  await expect(owner.getByTestId("payment-balance")).toHaveText("0원");
  await expect(owner.getByTestId("refund-transfer-pending")).toBeVisible();
  await expect(owner.getByTestId("admin-cancel-row")).toContainText("송금 중");

  const toss = await tossSide(sandbox, orderId);
  expect(toss.payment.status).toBe("CANCELED");
  expect(toss.payment.virtualAccount?.refundStatus).toBe("PENDING");

  // The bank finishes; Toss says so by webhook, and the order page follows.
  await finishTransfer(sandbox, orderId, "COMPLETED", async () => {
    await owner.reload();
    await expect(owner.getByTestId("admin-cancel-row")).toContainText("송금 완료", { timeout: 1_000 });
  });
  await expect(owner.getByTestId("refund-transfer-pending")).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId("order-refunds")).toContainText("환불 계좌 신한은행");
  await expect(page.getByTestId("order-refunds")).toContainText(won(paid.totalAmount));
  await owner.close();
});

test("a failed refund transfer is flagged on the owner's dashboard", async ({ page, browser, sandbox }) => {
  const orderId = await paidVirtualAccountOrder(page, sandbox, "yuja-tea");
  await sandbox.holdRefundTransfers(orderId);
  const owner = await browser.newPage();
  await signIn(owner, adminAccounts.owner, `/admin/orders/${orderId}`);
  await owner.goto(`/admin/orders/${orderId}`);
  const dialog = await openRefundDialog(owner);
  await dialog.getByRole("textbox", { name: "환불 사유" }).fill("주문 취소");
  await dialog.getByRole("combobox", { name: "환불 받을 은행" }).selectOption({ label: "KB국민은행" });
  await dialog.getByRole("textbox", { name: "계좌번호" }).fill("123456789012");
  await dialog.getByRole("textbox", { name: "예금주" }).fill("김토스");
  await dialog.getByRole("button", { name: /환불 실행/ }).click();
  await expect(owner.getByTestId("admin-cancel-row")).toContainText("송금 중");

  await finishTransfer(sandbox, orderId, "FAILED", async () => {
    await owner.goto("/admin");
    await expect(owner.getByTestId("payment-conflicts")).toContainText(orderId, { timeout: 1_000 });
  });
  await expect(owner.getByTestId("payment-conflicts")).toContainText("환불 실패");
  await owner.goto(`/admin/orders/${orderId}`);
  await expect(owner.getByTestId("admin-cancel-row")).toContainText("송금 실패");
  await owner.close();
});

test("a staff account sees no refund button, and a direct POST of the refund action as staff is refused", async ({ page, browser, sandbox }) => {
  const orderId = await paidCardOrder(page, "yuja-tea");

  // The owner's browser sends a real refund request; it is held back here and replayed as staff.
  const owner = await browser.newPage();
  await signIn(owner, adminAccounts.owner, `/admin/orders/${orderId}`);
  await owner.goto(`/admin/orders/${orderId}`);
  await owner.route(`**/admin/orders/${orderId}`, (route) => (isActionPost(route.request()) ? route.abort() : route.continue()));
  const dialog = await openRefundDialog(owner);
  await dialog.getByRole("textbox", { name: "환불 사유" }).fill("직원이 시도하는 환불");
  const [refundRequest] = await Promise.all([owner.waitForRequest(isActionPost), dialog.getByRole("button", { name: /환불 실행/ }).click()]);

  const staff = await browser.newPage();
  await signIn(staff, adminAccounts.staff, `/admin/orders/${orderId}`);
  await staff.goto(`/admin/orders/${orderId}`);
  await expect(staff.getByTestId("admin-payment")).toBeVisible();
  await expect(staff.getByRole("button", { name: "환불하기" })).toHaveCount(0);

  const answer = await replayAction(staff.request, refundRequest);
  expect(answer.text).toContain("점주 계정만");
  const toss = await tossSide(sandbox, orderId);
  expect(toss.cancelCalls).toBe(0);
  expect(toss.payment.status).toBe("DONE");
  await staff.reload();
  await expect(staff.getByTestId("admin-cancel-row")).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("order-status")).toHaveText("결제 완료");
  await staff.close();
  await owner.close();
});
