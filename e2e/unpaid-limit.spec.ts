import { randomInt } from "node:crypto";
import { expect, test } from "./fixtures";
import { e2eUrls } from "./ports";
import { E2E_CLIENT_ADDRESS_HEADER, E2E_UNPAID_ORDERS_PER_ADDRESS } from "./client-address";
import { screens } from "./viewports";

test.describe("phone", () => {
  test.use(screens[0]!.use);

  test("paid and refused orders never lock a shopper out; open unpaid orders do, and the message says how many and where to pay", async ({ checkout, page }) => {
    test.setTimeout(180_000);
    // One carrier address of this test's own (the store trusts the e2e proxy header for it), so
    // the limit counts this test's orders alone.
    const address = `198.51.100.${randomInt(1, 255)}`;
    await page.route(`${e2eUrls.app}/**`, (route) => route.continue({ headers: { ...route.request().headers(), [E2E_CLIENT_ADDRESS_HEADER]: address } }));

    // More paid and refused attempts than the limit: none holds stock, so none counts.
    for (let attempt = 0; attempt < E2E_UNPAID_ORDERS_PER_ADDRESS; attempt += 1) {
      const paid = await checkout.start("boseong-green-tea");
      await paid.approve();
      await expect(page.getByTestId("order-status")).toHaveText("결제 완료");
      const refused = await checkout.start("boseong-green-tea");
      await refused.decline();
      await expect(page).toHaveURL(/\/checkout\/failed/);
    }

    // Virtual accounts waiting for their deposit hold stock: up to the limit, they are taken.
    for (let open = 0; open < E2E_UNPAID_ORDERS_PER_ADDRESS; open += 1) {
      const waiting = await checkout.start("boseong-green-tea", { method: "가상계좌" });
      await waiting.approve();
      await expect(page.getByTestId("order-status")).toHaveText("입금 대기");
    }

    // The next one is refused before the payment window opens, in words that say what to do.
    await expect(checkout.start("boseong-green-tea")).rejects.toThrow();
    const message = page.getByTestId("checkout-message");
    await expect(message).toContainText(`결제를 마치지 않은 주문이 ${E2E_UNPAID_ORDERS_PER_ADDRESS}건 있어`);
    await expect(message).toContainText("입금 대기 중인 주문은");
    await expect(message.getByRole("link", { name: "주문 확인하기" })).toHaveAttribute("href", "/orders/lookup");
  });
});
