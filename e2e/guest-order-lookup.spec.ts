import { expect, test } from "./fixtures";
import { screens } from "./viewports";

for (const screen of screens) {
  test.describe(screen.name, () => {
    test.use(screen.use);

    test("another device finds the order by number and phone, and a wrong phone is refused without saying which part", async ({ checkout, page, browser }) => {
      test.slow();
      const payment = await checkout.start("boseong-green-tea");
      const { orderId } = payment;
      await payment.approve();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("주문이 완료되었어요");
      const orderNumber = (await page.getByTestId("order-number").textContent())!.trim();
      expect(orderNumber).toMatch(/^\d{6}-[2-9A-HJKMNP-Z]{6}$/);
      expect(orderNumber).not.toContain(orderId);

      const other = await browser.newContext(screen.use);
      const phone = await other.newPage();
      await phone.goto("/");
      await phone.getByRole("link", { name: "비회원 주문조회" }).click();
      await expect(phone.getByRole("heading", { name: "비회원 주문조회" })).toBeVisible();

      await phone.getByRole("textbox", { name: "주문번호" }).fill(orderNumber);
      await phone.getByRole("textbox", { name: "휴대폰 번호" }).fill("010-9876-5432");
      await phone.getByRole("button", { name: "주문 조회하기" }).click();
      const refusal = phone.getByTestId("lookup-message");
      await expect(refusal).toHaveText("주문번호와 휴대폰 번호가 맞는 주문을 찾지 못했어요. 다시 확인해 주세요.");

      await phone.getByRole("textbox", { name: "휴대폰 번호" }).fill("01012345678");
      await phone.getByRole("button", { name: "주문 조회하기" }).click();
      await expect(phone).toHaveURL(new RegExp(`/orders/${orderId}$`));
      await expect(phone.getByTestId("order-number")).toHaveText(orderNumber);
      await expect(phone.getByTestId("order-status")).toHaveText("결제 완료");
      await other.close();
    });
  });
}

test("the lookup stops after five wrong phones for one order number", async ({ checkout, page }) => {
  test.slow();
  const payment = await checkout.start("boseong-green-tea");
  const { orderId } = payment;
  await payment.approve();
  await expect(page).toHaveURL(new RegExp(`/orders/${orderId}$`));
  const orderNumber = (await page.getByTestId("order-number").textContent())!.trim();

  await page.goto("/orders/lookup");
  for (let i = 0; i < 5; i++) {
    await page.getByRole("textbox", { name: "주문번호" }).fill(orderNumber);
    await page.getByRole("textbox", { name: "휴대폰 번호" }).fill(`010-5555-000${i}`);
    await page.getByRole("button", { name: "주문 조회하기" }).click();
    await expect(page.getByTestId("lookup-message")).toContainText("찾지 못했어요");
  }
  await page.getByRole("textbox", { name: "주문번호" }).fill(orderNumber);
  await page.getByRole("textbox", { name: "휴대폰 번호" }).fill("010-1234-5678");
  await page.getByRole("button", { name: "주문 조회하기" }).click();
  await expect(page.getByTestId("lookup-message")).toContainText("너무 여러 번 시도했어요");
});

test("the footer links to 비회원 주문조회, 고객센터, 이용약관 and 개인정보처리방침 and shows the business details", async ({ page }) => {
  await page.goto("/");
  const footer = page.getByRole("contentinfo");
  for (const name of ["비회원 주문조회", "고객센터", "이용약관", "개인정보처리방침"]) {
    await expect(footer.getByRole("link", { name })).toBeVisible();
  }
  for (const label of ["대표", "사업자등록번호", "통신판매업 신고번호", "주소", "고객센터", "이메일"]) {
    await expect(footer).toContainText(label);
  }
  await footer.getByRole("link", { name: "고객센터" }).click();
  await expect(page.getByRole("heading", { name: "고객센터" })).toBeVisible();
});
