import { expect, type Page } from "@playwright/test";

/** A valid order form, by field label. */
export const checkoutForm = {
  이름: "김토스",
  "휴대폰 번호": "010-1234-5678",
  이메일: "toss@example.com",
  우편번호: "06236",
  주소: "서울특별시 강남구 테헤란로 131",
  "상세 주소": "15층",
  "배송 메모": "문 앞에 놓아 주세요",
};

export async function fillCheckoutForm(page: Page, values: Partial<typeof checkoutForm> = {}) {
  for (const [label, value] of Object.entries({ ...checkoutForm, ...values })) {
    await page.getByRole("textbox", { name: label, exact: true }).fill(value);
  }
}

/** Ticks the payment widget's terms and the store's two consents (이용약관, 개인정보 수집·이용). */
/** One 유자차 in the cart, then 결제하기 on an empty order form: the form answers with its field errors. */
export async function submitEmptyCheckout(page: Page) {
  await page.goto("/products/yuja-tea");
  await page.getByRole("button", { name: "장바구니 담기" }).click();
  await expect(page.getByTestId("cart-toast")).toContainText("장바구니에 담았어요");
  await page.goto("/checkout");
  await expect(page.getByRole("radio", { name: "카드" })).toBeVisible();
  await page.getByRole("button", { name: /결제하기$/ }).click();
}

export async function agreeToAll(page: Page) {
  await page.getByRole("checkbox", { name: "[필수] 결제 서비스 이용 약관 동의" }).check();
  await page.getByRole("checkbox", { name: "(필수) 이용약관에 동의해요" }).check();
  await page.getByRole("checkbox", { name: "(필수) 주문·배송을 위한 개인정보 수집·이용에 동의해요" }).check();
}

/** Puts one product in the cart and fills the checkout form; leaves the shopper before "결제하기". */
export async function checkoutWith(page: Page, slug: string, method: "카드" | "가상계좌" | "계좌이체" = "카드", form: Partial<typeof checkoutForm> = {}) {
  await page.goto(`/products/${slug}`);
  await page.getByRole("button", { name: "장바구니 담기" }).click();
  await expect(page.getByText("장바구니에 담았어요")).toBeVisible();
  await page.goto("/checkout");
  await fillCheckoutForm(page, form);
  await page.getByRole("radio", { name: method }).check();
  await agreeToAll(page);
  await page.getByRole("button", { name: /결제하기$/ }).click();
  await expect(page.getByRole("heading", { name: "토스페이먼츠 샌드박스 결제창" })).toBeVisible();
  return { orderId: (await page.getByTestId("order-id").textContent())!.trim() };
}
