import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { orders } from "@/db/schema";
import { createCart, createProduct, validCheckoutForm } from "@/lib/testing/factories";
import { startTestSandbox, type TestSandbox } from "@/lib/testing/sandbox";
import { confirmOrderPayment } from "./confirm";
import { placeOrder } from "./place-order";
import type { AdminActor } from "@/lib/auth/actor";
import { refundOrder } from "./refund";
import { isRefundable, linesRefusal, refundAmountForLines, refundedUnits, refundRefusal, refundRules, type RefundableLine } from "./refund-policy";
import { getRefundOptions } from "./refunds-view";

// The test setup waives shipping; the question this file settles is who gets the shipping back.
process.env.SHIPPING_FEE = "3000";
process.env.FREE_SHIPPING_THRESHOLD = "1000000";

const tea: RefundableLine = { orderItemId: 1, productName: "유자차", unitPrice: 7_500, quantity: 2, refundable: 2 };
const jam: RefundableLine = { orderItemId: 2, productName: "딸기잼", unitPrice: 5_000, quantity: 1, refundable: 1 };
// 2 × 7,500 + 5,000 + 3,000 shipping.
const BALANCE = 23_000;

describe("the refund policy", () => {
  it("refunds paid, partly refunded and deposit-less orders only", () => {
    expect(["PAID", "PARTIAL_CANCELED", "WAITING_FOR_DEPOSIT"].every((s) => isRefundable(s as never))).toBe(true);
    expect(["PENDING", "CONFIRMING", "FAILED", "EXPIRED", "CANCELED"].some((s) => isRefundable(s as never))).toBe(false);
  });

  it("prices the chosen units, and the last units not yet refunded take the rest of the payment, shipping included", () => {
    expect(refundAmountForLines([tea, jam], [{ orderItemId: 1, quantity: 1 }], BALANCE)).toBe(7_500);
    expect(refundAmountForLines([tea, jam], [{ orderItemId: 1, quantity: 2 }], BALANCE)).toBe(15_000);
    expect(refundAmountForLines([tea, jam], [{ orderItemId: 1, quantity: 2 }, { orderItemId: 2, quantity: 1 }], BALANCE)).toBe(BALANCE);
    // After one tea was refunded (7,500): the rest is 15,500, of which 3,000 is shipping.
    const teaLeft = { ...tea, refundable: 1 };
    expect(refundAmountForLines([teaLeft, jam], [{ orderItemId: 1, quantity: 1 }, { orderItemId: 2, quantity: 1 }], 15_500)).toBe(15_500);
    expect(refundAmountForLines([teaLeft, jam], [{ orderItemId: 2, quantity: 1 }], 15_500)).toBe(5_000);
    // Never more than the balance (an owner refunded an amount of their own before).
    expect(refundAmountForLines([tea, jam], [{ orderItemId: 1, quantity: 2 }], 9_000)).toBe(9_000);
    expect(refundAmountForLines([tea, jam], [], BALANCE)).toBe(0);
  });

  it("says which line cannot be refunded that often", () => {
    expect(linesRefusal([tea, jam], [{ orderItemId: 1, quantity: 2 }, { orderItemId: 2, quantity: 0 }])).toBeNull();
    expect(linesRefusal([tea, jam], [{ orderItemId: 1, quantity: 3 }])).toBe("유자차: 주문 수량(2)보다 많아요");
    expect(linesRefusal([{ ...tea, refundable: 1 }], [{ orderItemId: 1, quantity: 2 }])).toBe("유자차: 1개는 이미 환불해서 1개까지 환불할 수 있어요");
    expect(linesRefusal([tea], [{ orderItemId: 9, quantity: 1 }])).toBe("이 주문에 없는 상품이 있어요");
  });

  it("allows only a full cancel before a virtual account's deposit, or when the payment cannot be partly canceled; a deposited account needs a refund account", () => {
    const card = refundRules({ orderStatus: "PAID", partialCancelable: true, refundsByTransfer: false });
    expect(card).toEqual({ fullCancelOnly: false, partialAllowed: true, needsRefundAccount: false });
    expect(refundRefusal(card, { amount: 5_000, balance: BALANCE, hasRefundAccount: false })).toBeNull();
    expect(refundRefusal(card, { amount: 0, balance: BALANCE, hasRefundAccount: false })?.message).toBe("환불 금액은 1원 이상 23,000원 이하로 입력해 주세요");
    expect(refundRefusal(card, { amount: BALANCE + 1, balance: BALANCE, hasRefundAccount: false })?.field).toBe("amount");

    const beforeDeposit = refundRules({ orderStatus: "WAITING_FOR_DEPOSIT", partialCancelable: true, refundsByTransfer: false });
    expect(beforeDeposit).toEqual({ fullCancelOnly: true, partialAllowed: false, needsRefundAccount: false });
    expect(refundRefusal(beforeDeposit, { amount: 5_000, balance: BALANCE, hasRefundAccount: false })?.message).toBe("입금 전 가상계좌는 전액 취소만 할 수 있어요");
    expect(refundRefusal(beforeDeposit, { amount: BALANCE, balance: BALANCE, hasRefundAccount: false })).toBeNull();
    expect(refundedUnits(beforeDeposit, [tea, jam], [], true)).toEqual([]);

    const wholeOnly = refundRules({ orderStatus: "PAID", partialCancelable: false, refundsByTransfer: false });
    expect(refundRefusal(wholeOnly, { amount: 5_000, balance: BALANCE, hasRefundAccount: false })?.message).toBe("이 결제는 부분 취소를 할 수 없어요. 전액만 환불할 수 있어요");

    const deposited = refundRules({ orderStatus: "PAID", partialCancelable: true, refundsByTransfer: true });
    expect(refundRefusal(deposited, { amount: 5_000, balance: BALANCE, hasRefundAccount: false })).toEqual({ message: "입금된 가상계좌는 환불 받을 계좌가 필요해요", field: "refundAccount", fieldMessage: "환불 받을 계좌를 입력해 주세요" });
    expect(refundRefusal(deposited, { amount: 5_000, balance: BALANCE, hasRefundAccount: true })).toBeNull();
  });

  it("pays back the chosen units, or every unit left on a full refund", () => {
    const card = refundRules({ orderStatus: "PAID", partialCancelable: true, refundsByTransfer: false });
    expect(refundedUnits(card, [tea, jam], [{ orderItemId: 1, quantity: 1 }, { orderItemId: 2, quantity: 0 }], false)).toEqual([{ orderItemId: 1, quantity: 1 }]);
    expect(refundedUnits(card, [{ ...tea, refundable: 1 }, jam], [], true)).toEqual([{ orderItemId: 1, quantity: 1 }, { orderItemId: 2, quantity: 1 }]);
    expect(refundedUnits(card, [tea, jam], [], false)).toEqual([]);
  });
});

describe("the refund dialog's figure is what the server refunds", () => {
  const owner: AdminActor = { email: "owner@jangteo.test", role: "owner" };
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(() => sandbox?.close());

  it("line by line, down to the last units and the shipping", async () => {
    const teaProduct = await createProduct({ price: 7_500 });
    const jamProduct = await createProduct({ price: 5_000 });
    const placed = await placeOrder(db, await createCart([{ productId: teaProduct.id, quantity: 2 }, { productId: jamProduct.id, quantity: 1 }]), validCheckoutForm);
    if (!placed.ok) throw new Error(placed.message);
    const { orderId, amount } = placed.order;
    expect(amount).toBe(BALANCE);
    const { paymentKey } = await sandbox.authorize({ orderId, amount });
    await confirmOrderPayment(db, { paymentKey, orderId, amount, paymentType: "NORMAL" }, { provider: sandbox.provider, waitMs: 10_000, pollMs: 20 });

    // What the dialog shows for quantities picked from getRefundOptions, as the page hands them over.
    const dialogFigure = async (pick: (line: RefundableLine) => number) => {
      const options = (await getRefundOptions(db, orderId))!;
      const chosen = options.lines.map((line) => ({ orderItemId: line.orderItemId, quantity: pick(line) }));
      return { balance: options.balance, chosen, figure: refundAmountForLines(options.lines, chosen, options.balance) };
    };
    const refund = (chosen: { orderItemId: number; quantity: number }[], balance: number) =>
      refundOrder(db, owner, { orderId, idempotencyKey: `refund_${randomUUID()}`, reason: "고객 요청", expectedBalance: balance, lines: chosen }, { provider: sandbox.provider });

    const first = await dialogFigure((line) => (line.unitPrice === 7_500 ? 1 : 0));
    expect(first.figure).toBe(7_500);
    expect(await refund(first.chosen, first.balance)).toMatchObject({ ok: true, status: "DONE", balanceAmount: BALANCE - first.figure });

    const last = await dialogFigure((line) => line.refundable);
    expect(last.figure).toBe(BALANCE - 7_500);
    expect(await refund(last.chosen, last.balance)).toMatchObject({ ok: true, status: "DONE", orderStatus: "CANCELED", balanceAmount: 0 });
    const [row] = await db.select({ status: orders.status }).from(orders).where(eq(orders.orderId, orderId));
    expect(row!.status).toBe("CANCELED");
  });
});
