import { expect, test } from "@playwright/test";
import { checkoutWith } from "./payment-helpers";
import { screens } from "./viewports";

// A 204 answer to a navigation leaves the current page in place: it stands for a confirm that has
// not answered yet, while the test looks at what the shopper sees meanwhile.

for (const screen of screens) {
  test.describe(screen.name, () => {
    test.use(screen.use);

    test("after 결제 승인 the shopper sees 결제를 확인하고 있어요 until the confirm answers, then the order", async ({ page }) => {
      const { orderId } = await checkoutWith(page, "yuja-tea");
      // The page's own hand-over to /success, held: unrouted before it is, it would reach the real
      // /success and race the reload below.
      let held!: () => void;
      const handOverHeld = new Promise<void>((resolve) => (held = resolve));
      await page.route("**/success?**", async (route) => {
        await route.fulfill({ status: 204 });
        held();
      });
      await page.getByRole("button", { name: "결제 승인" }).click();
      await expect(page).toHaveURL(/\/checkout\/processing\?/);
      await handOverHeld;
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("결제를 확인하고 있어요");
      await expect(page.getByRole("status")).toContainText("결제를 확인하고 있어요");

      // The confirm answers: the same page hands over to /success and the order shows.
      await page.unroute("**/success?**");
      await page.reload();
      await expect(page).toHaveURL(new RegExp(`/orders/${orderId}$`));
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("주문이 완료되었어요");
    });

    test("the sandbox payment window disables its buttons once a decision is sent", async ({ page }) => {
      await checkoutWith(page, "yuja-tea");
      await page.route("**/payment-window?**", (route) => (route.request().method() === "POST" ? route.fulfill({ status: 204 }) : route.continue()));
      await page.getByRole("button", { name: "결제 승인" }).click();
      for (const name of ["결제 승인", "결제 취소", "카드 거절"]) await expect(page.getByRole("button", { name })).toBeDisabled();
      await expect(page.getByRole("status")).toHaveText("결제를 처리하고 있어요…");
    });
  });
}
