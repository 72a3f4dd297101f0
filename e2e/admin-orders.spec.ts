import { randomInt } from "node:crypto";
import type { APIRequestContext, Request } from "@playwright/test";
import { isActionPost, replayAction } from "./action-replay";
import { adminAccounts } from "./admin-accounts";
import { signIn } from "./admin-helpers";
import { expect, test } from "./fixtures";
import { paidCardOrder, paidVirtualAccountOrder } from "./paid-orders";
import { e2eUrls } from "./ports";

// Each journey is a checkout plus one or two back-office sign-ins (argon2id): more than the default 30 s on a busy machine.
test.describe.configure({ timeout: 90_000 });

test("an owner finds a checkout by orderId and by phone, opens it, sees its timeline and webhooks, and exports it to CSV", async ({ page, sandbox, browser }) => {
  const phone = `010-${randomInt(1000, 9999)}-${randomInt(1000, 9999)}`;
  const orderId = await paidVirtualAccountOrder(page, sandbox, "yuja-tea", { 이름: "관리자테스트", "휴대폰 번호": phone });
  const orderNumber = (await page.getByTestId("order-number").textContent())!.trim();

  const owner = await browser.newPage();
  await signIn(owner, adminAccounts.owner);
  await owner.getByRole("link", { name: "주문", exact: true }).click();

  await owner.getByRole("searchbox").fill(orderId);
  await owner.getByRole("button", { name: "찾기" }).click();
  await expect(owner.getByTestId("orders-total")).toHaveText("1건");
  // Listed under the shopper's order number, the internal orderId beside it.
  await expect(owner.getByRole("link", { name: orderNumber })).toBeVisible();
  await expect(owner.getByTestId("admin-order-row")).toContainText(orderId);

  // The phone as a customer would read it out, without the dashes.
  await owner.getByRole("searchbox").fill(phone.replaceAll("-", " "));
  await owner.getByRole("button", { name: "찾기" }).click();
  await expect(owner.getByTestId("orders-total")).toHaveText("1건");
  await owner.getByRole("link", { name: orderNumber }).click();

  await expect(owner).toHaveURL(new RegExp(`/admin/orders/${orderId}$`));
  await expect(owner.getByRole("heading", { level: 1 })).toBeVisible();
  const timeline = owner.getByTestId("order-timeline");
  await expect(timeline).toContainText("ORDER_PLACED");
  await expect(timeline).toContainText("VIRTUAL_ACCOUNT_ISSUED");
  await expect(timeline).toContainText("webhook");
  const deliveries = owner.getByTestId("webhook-deliveries");
  await expect(deliveries).toContainText("DEPOSIT_CALLBACK");
  await expect(deliveries).toContainText("processed");
  await expect(owner.getByTestId("admin-payment")).toContainText("가상계좌");

  await owner.getByRole("textbox", { name: "메모 남기기" }).fill("전화로 배송지 확인함");
  await owner.getByRole("button", { name: "메모 추가" }).click();
  await expect(timeline).toContainText("전화로 배송지 확인함");
  await expect(timeline).toContainText(`admin:${adminAccounts.owner.email}`);

  await owner.goto(`/admin/orders?q=${encodeURIComponent(orderId)}`);
  const [download] = await Promise.all([owner.waitForEvent("download"), owner.getByRole("link", { name: "CSV 내려받기" }).click()]);
  const bytes = await streamToBuffer(await download.createReadStream());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csv = bytes.subarray(3).toString("utf8");
  expect(csv).toContain(orderId);
  expect(csv).toContain("관리자테스트");
  expect(csv).toContain("결제 완료");
  await owner.close();
});

test("a staff account sees orders but no owner-only controls, and the owner-only action refuses it", async ({ page, browser }) => {
  const orderId = await paidCardOrder(page, "yuja-tea");
  const orderNumber = (await page.getByTestId("order-number").textContent())!.trim();

  // The owner adds a note, and the browser's request is kept to be replayed by others.
  const owner = await browser.newPage();
  await signIn(owner, adminAccounts.owner, `/admin/orders/${orderId}`);
  await owner.goto(`/admin/orders/${orderId}`);
  await owner.getByRole("textbox", { name: "메모 남기기" }).fill("점주 메모");
  const [noteRequest] = await Promise.all([owner.waitForRequest(isActionPost), owner.getByRole("button", { name: "메모 추가" }).click()]);
  await expect(owner.getByTestId("order-timeline")).toContainText("점주 메모");

  const staff = await browser.newPage();
  await signIn(staff, adminAccounts.staff, `/admin/orders/${orderId}`);
  await expect(staff.getByTestId("admin-user")).toContainText("직원");
  await staff.goto("/admin/orders");
  await expect(staff.getByRole("link", { name: orderNumber })).toBeVisible();
  await expect(staff.getByRole("link", { name: "CSV 내려받기" })).toHaveCount(0);
  expect((await staff.request.get("/admin/orders/export")).status()).toBe(403);
  await staff.goto(`/admin/orders/${orderId}`);
  await expect(staff.getByTestId("order-timeline")).toContainText("점주 메모");
  await expect(staff.getByRole("button", { name: "메모 추가" })).toHaveCount(0);

  const asStaff = await replay(staff.request, noteRequest, "직원이 몰래 쓴 메모");
  expect(asStaff.text).toContain("점주 계정만");
  await staff.reload();
  await expect(staff.getByTestId("order-timeline")).not.toContainText("직원이 몰래 쓴 메모");
  await staff.close();
  await owner.close();
});

test("a direct POST to an admin server action without a session changes nothing and says so", async ({ page, browser, playwright }) => {
  const orderId = await paidCardOrder(page, "yuja-tea");

  const owner = await browser.newPage();
  await signIn(owner, adminAccounts.owner, `/admin/orders/${orderId}`);
  await owner.goto(`/admin/orders/${orderId}`);
  await owner.getByRole("textbox", { name: "메모 남기기" }).fill("정상 메모");
  const [noteRequest] = await Promise.all([owner.waitForRequest(isActionPost), owner.getByRole("button", { name: "메모 추가" }).click()]);
  await expect(owner.getByTestId("order-timeline")).toContainText("정상 메모");

  const anonymous = await playwright.request.newContext({ baseURL: e2eUrls.app });
  // The proxy answers first, with the way to sign in; behind it adminAction refuses as well
  // (the staff test replays the same request with a session of too small a role).
  const answer = await replay(anonymous, noteRequest, "세션 없는 메모");
  expect(answer.status).toBe(307);
  expect(answer.location).toMatch(/^\/signin\?callbackUrl=/);
  await anonymous.dispose();

  await owner.reload();
  await expect(owner.getByTestId("order-timeline")).toContainText("정상 메모");
  await expect(owner.getByTestId("order-timeline")).not.toContainText("세션 없는 메모");
  await owner.close();
});

/** Replays a captured note action from another client with the note swapped. */
function replay(client: APIRequestContext, original: Request, note: string) {
  return replayAction(client, original, (body) => body.replace(/(name="note"\r\n\r\n)[^\r]*/, `$1${note}`));
}

async function streamToBuffer(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}
