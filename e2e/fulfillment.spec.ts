import writeXlsxFile from "write-excel-file/node";
import { adminAccounts } from "./admin-accounts";
import { signIn } from "./admin-helpers";
import { expect, test } from "./fixtures";
import { paidCardOrder } from "./paid-orders";
import { screens } from "./viewports";

test.describe.configure({ timeout: 90_000 });

test.describe("phone", () => {
  test.use(screens[0]!.use);

  test("staff accept and ship an order; the shopper follows the parcel, it arrives, and the shopper confirms the purchase", async ({ page, browser }) => {
    const orderId = await paidCardOrder(page, "matcha-latte");
    await expect(page.getByTestId("fulfillment-status")).toContainText("신규 주문");

    const staff = await browser.newPage();
    await signIn(staff, adminAccounts.staff, `/admin/orders/${orderId}`);
    await staff.goto(`/admin/orders/${orderId}`);
    await staff.getByTestId("accept-order").getByRole("button", { name: "발주 확인" }).click();
    await expect(staff.getByTestId("fulfillment-status")).toContainText("발주 확인");

    // A number of the wrong shape for the courier is refused next to the field, and nothing ships.
    const ship = staff.getByTestId("ship-order");
    await ship.getByLabel("택배사").selectOption({ label: "우체국택배" });
    await ship.getByLabel("송장번호").fill("12345");
    await ship.getByRole("button", { name: "발송 처리" }).click();
    await expect(ship.getByRole("status")).toHaveText("우체국택배 송장번호 형식이 아니에요: 12345");
    const trackingNumber = `6${String(Date.now()).slice(-12)}`;
    await ship.getByLabel("송장번호").fill(`${trackingNumber.slice(0, 4)}-${trackingNumber.slice(4)}`);
    await ship.getByRole("button", { name: "발송 처리" }).click();
    await expect(staff.getByTestId("fulfillment-status")).toContainText("배송 중");

    await page.reload();
    await expect(page.getByTestId("fulfillment-status")).toContainText("배송 중");
    await expect(page.getByRole("listitem").filter({ hasText: "배송 중" }).first()).toHaveAttribute("aria-current", "step");
    const parcel = page.getByTestId("parcel");
    await expect(parcel).toContainText("우체국택배");
    await expect(parcel).toContainText(trackingNumber);
    await expect(parcel.getByRole("link", { name: "배송 조회" })).toHaveAttribute("href", `https://service.epost.go.kr/trace.RetrieveDomRigiTraceList.comm?sid1=${trackingNumber}`);
    await expect(page.getByRole("button", { name: "구매 확정" })).toHaveCount(0);

    await staff.getByTestId("mark-delivered").getByRole("button", { name: "배송 완료" }).click();
    await expect(staff.getByTestId("fulfillment-status")).toContainText("배송 완료");

    await page.reload();
    await expect(page.getByTestId("fulfillment-status")).toContainText("배송 완료");
    await page.getByRole("button", { name: "구매 확정" }).click();
    await expect(page.getByTestId("fulfillment-status")).toContainText("구매 확정");
    await expect(page.getByRole("button", { name: "구매 확정" })).toHaveCount(0);
    await staff.close();
  });
});

test("staff upload an .xlsx of two orders' tracking numbers: the preview shows each row, applying ships both, and the same file again changes nothing", async ({ page, browser }) => {
  const first = await paidCardOrder(page, "matcha-latte");
  const firstNumber = (await page.getByTestId("order-number").textContent())!.trim();
  const second = await paidCardOrder(page, "matcha-latte");
  const secondNumber = (await page.getByTestId("order-number").textContent())!.trim();
  const stamp = String(Date.now()).slice(-10);
  const file = await writeXlsxFile([
    [{ value: "주문번호" }, { value: "택배사" }, { value: "송장번호" }],
    [{ value: firstNumber.toLowerCase().replace("-", "") }, { value: "CJ대한통운" }, { value: `${stamp}01` }],
    [{ value: secondNumber }, { value: "한진택배" }, { value: `${stamp}02` }],
  ]).toBuffer();
  const upload = { name: "송장.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: Buffer.from(file) };

  const staff = await browser.newPage();
  await signIn(staff, adminAccounts.staff, "/admin/orders/tracking-upload");
  await staff.goto("/admin/orders/tracking-upload");
  await staff.getByLabel("송장 파일 (.csv 또는 .xlsx)").setInputFiles(upload);
  await staff.getByRole("button", { name: "미리 보기" }).click();
  await expect(staff.getByTestId("upload-summary")).toHaveText("2건을 발송 처리해요.");
  await expect(staff.getByTestId("upload-rows").getByRole("listitem")).toHaveCount(2);
  await staff.getByRole("button", { name: "2건 발송 처리" }).click();
  await expect(staff.getByTestId("upload-done")).toHaveText("2건을 발송 처리했어요.");

  await staff.getByLabel("송장 파일 (.csv 또는 .xlsx)").setInputFiles(upload);
  await staff.getByRole("button", { name: "미리 보기" }).click();
  await expect(staff.getByTestId("upload-rows")).toContainText("이미 등록됨");
  await expect(staff.getByRole("button", { name: /발송 처리$/ })).toHaveCount(0);

  for (const orderId of [first, second]) {
    await page.goto(`/orders/${orderId}`);
    await expect(page.getByTestId("fulfillment-status")).toContainText("배송 중");
    await expect(page.getByTestId("parcel").getByRole("link", { name: "배송 조회" })).toHaveAttribute("href", new RegExp(stamp));
  }
  await staff.close();
});

test("an owner accepts two new orders in bulk from the 신규 주문 tab; an unpaid attempt is not on the list until asked for", async ({ page, browser, checkout }) => {
  const first = await paidCardOrder(page, "matcha-latte");
  const firstNumber = (await page.getByTestId("order-number").textContent())!.trim();
  const second = await paidCardOrder(page, "matcha-latte");
  const secondNumber = (await page.getByTestId("order-number").textContent())!.trim();
  const refused = await checkout.start("matcha-latte");
  await refused.decline();
  await expect(page).toHaveURL(/\/checkout\/failed/);

  const owner = await browser.newPage();
  await signIn(owner, adminAccounts.owner, "/admin/orders?queue=new");
  await owner.goto("/admin/orders?queue=new");
  await expect(owner.getByRole("link", { name: /^신규 주문/ })).toHaveAttribute("aria-current", "page");
  for (const number of [firstNumber, secondNumber]) await owner.getByRole("checkbox", { name: `${number} 고르기` }).check();
  await owner.getByRole("button", { name: "발주 확인" }).click();
  await expect(owner.getByTestId("orders-notice")).toHaveText("2건 발주 확인했어요.");
  await owner.getByRole("link", { name: /^발송 대기/ }).click();
  await expect(owner.getByRole("link", { name: firstNumber })).toBeVisible();
  await expect(owner.getByRole("link", { name: secondNumber })).toBeVisible();

  // The declined attempt is a payment attempt, not an order: only the checkbox shows it.
  await owner.goto("/admin/orders");
  await expect(owner.getByRole("link", { name: firstNumber })).toBeVisible();
  await expect(owner.getByTestId("admin-order-row").filter({ hasText: "결제 실패" })).toHaveCount(0);
  await owner.getByLabel("결제하지 않은 시도도 보기").check();
  await owner.getByRole("button", { name: "찾기" }).click();
  await expect(owner.getByTestId("admin-order-row").filter({ hasText: "결제 실패" }).first()).toBeVisible();

  for (const orderId of [first, second]) {
    await page.goto(`/orders/${orderId}`);
    await expect(page.getByTestId("fulfillment-status")).toContainText("발주 확인");
  }
  await owner.close();
});
