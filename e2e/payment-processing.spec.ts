import { expect, test } from "@playwright/test";
import { checkoutWith } from "./payment-helpers";
import { screens } from "./viewports";

for (const screen of screens) {
  test.describe(screen.name, () => {
    test.use(screen.use);

    test("while the confirm is slow, the shopper sees 결제를 확인하고 있어요, then the order", async ({ page }) => {
      const { orderId } = await checkoutWith(page, "yuja-tea");
      // Hold /success (where the store confirms with Toss) until the waiting page has been seen.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route("**/success?**", async (route) => {
        await held;
        await route.continue();
      });
      const successRequested = page.waitForRequest("**/success?**");
      await page.getByRole("button", { name: "결제 승인" }).click();
      await successRequested;
      // Playwright's locators wait for the pending navigation, so read the page as it stands.
      await expect.poll(() => page.evaluate(() => document.querySelector("h1")?.textContent)).toBe("결제를 확인하고 있어요");
      release();
      await expect(page).toHaveURL(new RegExp(`/orders/${orderId}$`));
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("주문이 완료되었어요");
    });

    test("the sandbox payment window disables its buttons once a decision is sent", async ({ page }) => {
      await checkoutWith(page, "yuja-tea");
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route("**/payment-window?**", async (route) => {
        if (route.request().method() === "POST") await held;
        await route.continue();
      });
      const decisionSent = page.waitForRequest((request) => request.method() === "POST" && request.url().includes("/payment-window"));
      await page.getByRole("button", { name: "결제 승인" }).click();
      await decisionSent;
      // Playwright's locators wait for the pending navigation, so read the window as it stands.
      const windowState = () =>
        page.evaluate(() => ({
          disabled: [...document.querySelectorAll("button")].map((b) => b.disabled),
          status: document.getElementById("waiting")?.textContent,
        }));
      await expect.poll(windowState).toEqual({ disabled: [true, true, true], status: "결제를 처리하고 있어요…" });
      release();
      await expect(page).toHaveURL(/\/orders\//);
      await expect(page.getByTestId("order-status")).toHaveText("결제 완료");
    });
  });
}
