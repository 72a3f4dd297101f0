import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { createPendingOrder } from "@/lib/testing/factories";
import { startTestSandbox, type TestSandbox } from "@/lib/testing/sandbox";
import { grantOrderAccess } from "./access";
import { confirmOrderPayment } from "./confirm";
import { describeFailure, failQuerySchema, resolveFailRedirect } from "./fail";

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

describe("/fail wording", () => {
  it("calls a shopper's own cancel a cancel, in the store's words", () => {
    const cancel = describeFailure("PAY_PROCESS_CANCELED");
    expect(cancel).toMatchObject({ title: "결제를 취소했어요", canceledByShopper: true });
    expect(cancel.title).not.toContain("실패");
  });

  it("has its own words for every code and never repeats what the link says", () => {
    const crafted = "고객센터 010-0000-0000으로 전화하세요";
    const view = describeFailure("REJECT_CARD_COMPANY");
    expect(JSON.stringify(view)).not.toContain("010-0000-0000");
    expect(describeFailure("SOMETHING_NEW")).toMatchObject({ title: "결제가 완료되지 않았어요", code: "SOMETHING_NEW" });
    // A payment Toss expired before the store confirmed it reads like a confirm that came too late.
    expect(describeFailure("EXPIRED_PAYMENT").title).toBe(describeFailure("NOT_FOUND_PAYMENT_SESSION").title);
    expect(JSON.stringify(describeFailure(failQuerySchema.parse({ code: "X", message: crafted }).code))).not.toContain(crafted);
  });
});

describe("resolveFailRedirect", () => {
  it("leads a paid order of this browser to its page, whatever Toss's code", async () => {
    const { order } = await createPendingOrder();
    const { paymentKey } = await sandbox.authorize({ orderId: order.orderId, amount: order.amount });
    await confirmOrderPayment(db, { paymentKey, orderId: order.orderId, amount: order.amount, paymentType: "NORMAL" }, { provider: sandbox.provider });
    const query = failQuerySchema.parse({ code: "DUPLICATED_ORDER_ID", orderId: order.orderId });
    expect(await resolveFailRedirect(db, query, grantOrderAccess(undefined, order.orderId))).toEqual({ kind: "order", orderId: order.orderId });
    // Another browser learns nothing about the order.
    expect(await resolveFailRedirect(db, query, undefined)).toMatchObject({ kind: "failure" });
  });

  it("fails a PENDING order and shows the failure", async () => {
    const { order } = await createPendingOrder();
    const query = failQuerySchema.parse({ code: "PAY_PROCESS_CANCELED", orderId: order.orderId });
    expect(await resolveFailRedirect(db, query, grantOrderAccess(undefined, order.orderId))).toMatchObject({
      kind: "failure",
      failure: { title: "결제를 취소했어요" },
    });
  });
});
