import { createHmac, randomBytes } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { isRetryableConflict } from "@/db/errors";
import { cartItems, carts, orderEvents, orderItems, orders, products } from "@/db/schema";
import { cartIdSchema } from "@/lib/cart";
import * as stock from "@/lib/products/stock";
import { env } from "@/lib/env";
import { formatKRW } from "@/lib/money";
import { shippingFee } from "@/lib/shipping";
import { authSecret } from "@/lib/secrets";
import { checkoutFieldErrorsOf, checkoutFormSchema, type CheckoutFieldErrors } from "./checkout-form";
import { nextOrderNumber } from "./order-number";
import { perOrderLimitRefusal, perShopperLimitRefusal } from "./purchase-limits";
import { transitionOrder } from "./state";
import { refuseTooManyUnpaid } from "./unpaid-limit";

/** Toss: 6–64 characters of [A-Za-z0-9_-], unguessable. 18 random bytes → 24 characters. */
export function newOrderId(): string {
  return `jt_${randomBytes(18).toString("base64url")}`;
}

/** "말차 라떼 외 2건", at most 100 characters as Toss requires. */
export function orderNameFor(lineNames: string[]): string {
  const [first, ...rest] = lineNames;
  if (!first) throw new Error("An order needs at least one line");
  const suffix = rest.length > 0 ? ` 외 ${rest.length}건` : "";
  const room = 100 - suffix.length;
  const name = first.length > room ? `${first.slice(0, room - 1)}…` : first;
  return `${name}${suffix}`;
}

/**
 * The widget's customerKey for a cart: stable for the cart, unguessable, and not the cart id
 * itself (which is the shopper's credential).
 */
export function customerKeyFor(cartId: string): string {
  return `ck_${createHmac("sha256", authSecret()).update(`customer-key:${cartId}`).digest("base64url").slice(0, 32)}`;
}

export type PlacedOrder = {
  orderId: string;
  orderName: string;
  amount: number;
  customerName: string;
  customerEmail: string;
  /** Digits only, as the widget wants it. */
  customerPhone: string;
  customerKey: string;
};

export type PlaceOrderError =
  | { code: "INVALID_FORM"; message: string; fieldErrors: CheckoutFieldErrors }
  | { code: "EMPTY_CART"; message: string }
  | { code: "OUT_OF_STOCK"; message: string; productName: string }
  /** 최대 구매 수량: per order, or per shopper over their live orders (lib/orders/purchase-limits.ts). */
  | { code: "PURCHASE_LIMIT"; message: string; productName: string }
  | { code: "AMOUNT_TOO_LOW" | "AMOUNT_TOO_HIGH"; message: string }
  /** An order of this cart is being confirmed: it may yet be paid, so no second one. */
  | { code: "PREVIOUS_ORDER_CONFIRMING"; message: string; orderId: string; orderUrl: string }
  /** Too many unpaid orders holding stock from this client address (lib/orders/unpaid-limit.ts). */
  | { code: "TOO_MANY_ORDERS"; message: string; orderUrl: string };

/**
 * Where the order comes from (lib/client-address.ts), kept on the order for per-shopper purchase
 * limits, and how many unpaid orders that address may hold (0 = no limit; unset = not checked).
 */
export type Placement = { clientAddress?: string | null; unpaidOrdersPerAddress?: number };

export type PlaceOrderResult = { ok: true; order: PlacedOrder } | ({ ok: false } & PlaceOrderError);

class PlaceOrderRefusal extends Error {
  constructor(readonly refusal: PlaceOrderError) {
    super(refusal.message);
  }
}

/**
 * docs/architecture.md, money path: validates the form, recomputes the amount from the products
 * table, reserves stock for every line and creates the PENDING order with its item snapshot and
 * first event — all in one transaction, so a refusal leaves no order and no reservation.
 */
export async function placeOrder(db: Database, cartIdInput: string | undefined, form: unknown, placement: Placement = {}): Promise<PlaceOrderResult> {
  const parsed = checkoutFormSchema.safeParse(form);
  if (!parsed.success) {
    return { ok: false, code: "INVALID_FORM", message: "입력한 내용을 확인해 주세요", fieldErrors: checkoutFieldErrorsOf(parsed.error) };
  }
  const cartId = cartIdSchema.safeParse(cartIdInput);
  if (!cartId.success) return { ok: false, code: "EMPTY_CART", message: "장바구니가 비어 있습니다" };
  const customer = parsed.data;
  const { ORDER_MIN_AMOUNT: minAmount, ORDER_MAX_AMOUNT: maxAmount } = env();

  try {
    // One retry when PostgreSQL chose this transaction as a deadlock or serialization victim.
    const order = await retryOnceOnConflict(() => db.transaction(async (tx) => {
      // The cart's row lock: one order at a time per cart, so two clicks cannot make two live orders.
      const [cart] = await tx.select({ id: carts.id }).from(carts).where(eq(carts.id, cartId.data)).for("update");
      if (!cart) throw new PlaceOrderRefusal({ code: "EMPTY_CART", message: "장바구니가 비어 있습니다" });
      const [confirming] = await tx
        .select({ orderId: orders.orderId })
        .from(orders)
        .where(and(eq(orders.cartId, cartId.data), eq(orders.status, "CONFIRMING")))
        .limit(1);
      if (confirming) {
        throw new PlaceOrderRefusal({
          code: "PREVIOUS_ORDER_CONFIRMING",
          message: "이전 결제를 확인하고 있어요. 주문 내역에서 결과를 확인한 뒤 다시 시도해 주세요",
          orderId: confirming.orderId,
          orderUrl: `/orders/${encodeURIComponent(confirming.orderId)}`,
        });
      }
      if (placement.clientAddress && placement.unpaidOrdersPerAddress !== undefined) {
        const refusal = await refuseTooManyUnpaid(tx, placement.clientAddress, placement.unpaidOrdersPerAddress, cartId.data);
        if (refusal) throw new PlaceOrderRefusal({ code: refusal.code, message: refusal.message, orderUrl: refusal.orderUrl });
      }
      const lines = await tx
        .select({
          productId: products.id,
          name: products.name,
          price: products.price,
          active: products.active,
          quantity: cartItems.quantity,
          stock: products.stock,
          maxPerOrder: products.maxPerOrder,
          maxPerShopper: products.maxPerShopper,
          limitsSince: products.limitsSince,
        })
        .from(cartItems)
        .innerJoin(products, eq(products.id, cartItems.productId))
        .where(eq(cartItems.cartId, cartId.data))
        // One lock order for every transaction, so concurrent orders cannot deadlock.
        .orderBy(asc(products.id));
      if (lines.length === 0) throw new PlaceOrderRefusal({ code: "EMPTY_CART", message: "장바구니가 비어 있습니다" });

      // An earlier unpaid order from this cart would hold the same units: give them back first.
      const earlier = await tx
        .select({ id: orders.id, status: orders.status })
        .from(orders)
        .where(and(eq(orders.cartId, cartId.data), eq(orders.status, "PENDING")))
        .for("update");
      for (const previous of earlier) {
        await transitionOrder(tx, previous, "FAILED", {
          type: "ORDER_SUPERSEDED",
          message: "같은 장바구니로 새 주문을 만들어 이 주문은 취소되었습니다",
          actor: "shopper",
        });
      }

      const itemsTotal = lines.reduce((sum, line) => sum + line.price * line.quantity, 0);
      const shipping = shippingFee(itemsTotal, env().shipping);
      const amount = itemsTotal + shipping;
      if (amount < minAmount) {
        throw new PlaceOrderRefusal({ code: "AMOUNT_TOO_LOW", message: `${formatKRW(minAmount)} 이상부터 결제할 수 있습니다` });
      }
      if (amount > maxAmount) {
        throw new PlaceOrderRefusal({ code: "AMOUNT_TOO_HIGH", message: `한 번에 ${formatKRW(maxAmount)}까지 결제할 수 있습니다` });
      }

      // Stock already gone when the cart was read: the same refusal the reservation below would
      // give, without writing the order first (after a 타임딜 sells out, that is every order).
      // Not after giving back an earlier order's units, which the stock read above predates.
      const short = earlier.length === 0 ? lines.find((line) => line.stock < line.quantity) : undefined;
      if (short) throw outOfStock(short.name);

      const placed: PlacedOrder = {
        orderId: newOrderId(),
        orderName: orderNameFor(lines.map((l) => l.name)),
        amount,
        customerName: customer.customerName,
        customerEmail: customer.customerEmail,
        customerPhone: customer.customerPhone,
        customerKey: customerKeyFor(cartId.data),
      };
      const [row] = await tx
        .insert(orders)
        .values({
          orderId: placed.orderId,
          orderName: placed.orderName,
          amount,
          shippingFee: shipping,
          orderNumber: await nextOrderNumber(tx),
          customerName: customer.customerName,
          customerEmail: customer.customerEmail,
          customerPhone: customer.customerPhone,
          postcode: customer.postcode,
          address: customer.address,
          addressDetail: customer.addressDetail,
          deliveryMemo: customer.deliveryMemo,
          customerKey: placed.customerKey,
          cartId: cartId.data,
          clientAddress: placement.clientAddress ?? null,
        })
        .returning({ id: orders.id });
      await tx.insert(orderItems).values(
        lines.map((line) => ({
          orderId: row!.id,
          productId: line.productId,
          productName: line.name,
          unitPrice: line.price,
          quantity: line.quantity,
          lineTotal: line.price * line.quantity,
        })),
      );
      await tx.insert(orderEvents).values({
        orderId: row!.id,
        type: "ORDER_PLACED",
        toStatus: "PENDING",
        message: `${placed.orderName} ${formatKRW(amount)} 주문 접수, 재고 확보`,
        data: { amount, lines: lines.map((l) => ({ productId: l.productId, quantity: l.quantity, unitPrice: l.price })) },
        actor: "shopper",
      });
      // The stock reservation comes last: its UPDATE takes the product's row lock, held until
      // this transaction commits, and in a 타임딜 every order waits for that one row. Everything
      // that needs no lock (the order, its items, its event) is written before it, so the lock
      // is held for the reservation, the per-shopper count and the commit only.
      for (const line of lines) {
        // A conditional decrement: of two shoppers racing for the last unit, one finds the row
        // still holding enough and the other finds none (lib/products/stock.ts).
        if (!(await stock.reserve(tx, line.productId, line.quantity))) throw outOfStock(line.name);
        const overLimit =
          perOrderLimitRefusal(line) ??
          (await perShopperLimitRefusal(tx, line, { cartId: cartId.data, phone: customer.customerPhone, clientAddress: placement.clientAddress ?? null }, row!.id));
        if (overLimit) throw new PlaceOrderRefusal({ code: "PURCHASE_LIMIT", productName: line.name, message: overLimit });
      }
      return placed;
    }));
    return { ok: true, order };
  } catch (error) {
    if (error instanceof PlaceOrderRefusal) return { ok: false, ...error.refusal };
    throw error;
  }
}

function outOfStock(productName: string): PlaceOrderRefusal {
  return new PlaceOrderRefusal({ code: "OUT_OF_STOCK", productName, message: `${productName}의 재고가 부족합니다. 수량을 줄이거나 장바구니에서 빼 주세요` });
}

async function retryOnceOnConflict<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isRetryableConflict(error)) throw error;
    return work();
  }
}
