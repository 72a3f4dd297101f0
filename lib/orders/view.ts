import { asc, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { orderItems, orders, payments, type OrderStatus } from "@/db/schema";
import { bankName } from "@/lib/payments/banks";
import { providerOf } from "@/lib/payments";
import { hasOrderAccess } from "./access";
import { cashReceiptView } from "./cash-receipt";
import { ORDER_ID_PATTERN } from "./order-id";
import { HAS_RECEIPT, isIn } from "./status-groups";

/** Who is asking. `session` is the admin seam: next-auth fills it in a later issue. */
export type Viewer = { accessCookie: string | undefined; session?: { role: "owner" | "staff" } | null };

/** The browser that placed the order (signed cookie) and the store's staff may see it; nobody else. */
export function canViewOrder(viewer: Viewer, orderId: string): boolean {
  if (viewer.session?.role === "owner" || viewer.session?.role === "staff") return true;
  return hasOrderAccess(viewer.accessCookie, orderId);
}

export const ORDER_STATUS_TEXT: Record<OrderStatus, { label: string; heading: string; detail: string }> = {
  PENDING: { label: "결제 대기", heading: "결제를 기다리고 있어요", detail: "결제가 아직 끝나지 않았어요." },
  CONFIRMING: { label: "결제 확인 중", heading: "결제를 확인하고 있어요", detail: "잠시만 기다려 주세요. 확인되면 이 페이지가 저절로 바뀌어요." },
  PAID: { label: "결제 완료", heading: "주문이 완료되었어요", detail: "결제가 끝났어요. 곧 상품을 준비해 보내 드릴게요." },
  WAITING_FOR_DEPOSIT: {
    label: "입금 대기",
    heading: "주문이 접수되었어요",
    detail: "아래 가상계좌로 기한 안에 입금해 주세요. 입금이 확인되면 이 페이지가 저절로 바뀌어요.",
  },
  FAILED: { label: "결제 실패", heading: "결제가 완료되지 않았어요", detail: "장바구니에서 다시 주문해 주세요." },
  EXPIRED: { label: "기한 만료", heading: "결제 기한이 지났어요", detail: "결제 기한이 지나 주문이 취소되었어요." },
  PARTIAL_CANCELED: { label: "부분 취소", heading: "주문의 일부가 취소되었어요", detail: "취소된 금액은 결제수단으로 돌려드려요." },
  CANCELED: { label: "주문 취소", heading: "주문이 취소되었어요", detail: "결제한 금액은 결제수단으로 돌려드려요." },
};

/** States in which the page should keep checking for news by itself. */
export function isAwaitingUpdate(status: OrderStatus): boolean {
  return status === "CONFIRMING" || status === "WAITING_FOR_DEPOSIT";
}


export type OrderView = NonNullable<Awaited<ReturnType<typeof getOrderView>>>;

/** Everything the order page shows, or null for an unknown (or malformed) orderId. */
export async function getOrderView(database: Executor, orderId: string) {
  if (!ORDER_ID_PATTERN.test(orderId)) return null;
  const [order] = await database.select().from(orders).where(eq(orders.orderId, orderId)).limit(1);
  if (!order) return null;
  const items = await database.select().from(orderItems).where(eq(orderItems.orderId, order.id)).orderBy(asc(orderItems.id));
  const [payment] = order.paymentKey
    ? await database.select().from(payments).where(eq(payments.paymentKey, order.paymentKey)).limit(1)
    : [];
  return {
    orderId: order.orderId,
    orderName: order.orderName,
    orderNumber: order.orderNumber,
    status: order.status,
    statusText: ORDER_STATUS_TEXT[order.status],
    amount: order.amount,
    shippingFee: order.shippingFee,
    itemsTotal: order.amount - order.shippingFee,
    createdAt: order.createdAt,
    paidAt: order.paidAt,
    shipping: {
      name: order.customerName,
      email: order.customerEmail,
      phone: order.customerPhone,
      postcode: order.postcode,
      address: order.address,
      addressDetail: order.addressDetail,
      memo: order.deliveryMemo,
    },
    items: items.map((i) => ({ name: i.productName, unitPrice: i.unitPrice, quantity: i.quantity, lineTotal: i.lineTotal })),
    payment: payment
      ? {
          method: payment.method,
          // A receipt exists once money moved; deposit instructions only while the deposit is awaited.
          receiptUrl: isIn(HAS_RECEIPT, order.status) ? payment.receiptUrl : null,
          cashReceipt: cashReceiptView(providerOf(payment.provider).snapshotOf(payment.raw)?.cashReceipt),
          virtualAccount: order.status === "WAITING_FOR_DEPOSIT" && payment.virtualAccountNumber
            ? {
                bank: bankName(payment.virtualAccountBankCode) ?? payment.virtualAccountBankCode ?? "",
                accountNumber: payment.virtualAccountNumber,
                dueDate: payment.virtualAccountDueDate,
              }
            : null,
        }
      : null,
  };
}

/** The order's status alone, for the page's self-refresh. */
export async function getOrderStatus(database: Executor, orderId: string): Promise<OrderStatus | null> {
  if (!ORDER_ID_PATTERN.test(orderId)) return null;
  const [row] = await database.select({ status: orders.status }).from(orders).where(eq(orders.orderId, orderId)).limit(1);
  return row?.status ?? null;
}
