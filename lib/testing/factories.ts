import { randomBytes } from "node:crypto";
import { db } from "@/db/client";
import { eq } from "drizzle-orm";
import { cartItems, carts, orders, products, type NewProduct, type Product } from "@/db/schema";
import type { CheckoutForm } from "@/lib/orders/checkout-form";
import { placeOrder, type PlacedOrder } from "@/lib/orders/place-order";
import { transitionOrder } from "@/lib/orders/state";

/** A product with a unique slug; override what the test cares about. */
export async function createProduct(overrides: Partial<NewProduct> = {}): Promise<Product> {
  const slug = overrides.slug ?? `test-${randomBytes(5).toString("hex")}`;
  const [row] = await db
    .insert(products)
    .values({ name: `테스트 상품 ${slug}`, price: 10_000, stock: 10, image: "/products/yuja-tea.svg", ...overrides, slug })
    .returning();
  return row!;
}

/** A cart holding the given lines, straight in the database. */
export async function createCart(lines: { productId: number; quantity: number }[]): Promise<string> {
  const [cart] = await db.insert(carts).values({}).returning({ id: carts.id });
  if (lines.length > 0) await db.insert(cartItems).values(lines.map((l) => ({ ...l, cartId: cart!.id })));
  return cart!.id;
}

export const validCheckoutForm: CheckoutForm = {
  customerName: "김토스",
  customerEmail: "toss@example.com",
  customerPhone: "010-1234-5678",
  postcode: "06236",
  address: "서울특별시 강남구 테헤란로 131",
  addressDetail: "15층",
  deliveryMemo: "문 앞에 놓아 주세요",
};

/** A PENDING order placed through the real placeOrder, for tests of what comes after. */
export async function createPendingOrder(options: { price?: number; quantity?: number; stock?: number } = {}): Promise<{
  order: PlacedOrder;
  product: Product;
  cartId: string;
}> {
  const product = await createProduct({ price: options.price ?? 15_000, stock: options.stock ?? 10 });
  const cartId = await createCart([{ productId: product.id, quantity: options.quantity ?? 1 }]);
  const result = await placeOrder(db, cartId, validCheckoutForm);
  if (!result.ok) throw new Error(`placeOrder refused: ${result.message}`);
  return { order: result.order, product, cartId };
}

/** A PAID order: placed through placeOrder, then confirmed through the one transition path. */
export async function createPaidOrder(options: { price?: number; quantity?: number; stock?: number; lines?: number } = {}) {
  const placed = await createPendingOrder(options);
  const [row] = await db.select().from(orders).where(eq(orders.orderId, placed.order.orderId));
  await db.transaction(async (tx) => {
    const confirming = await transitionOrder(tx, row!, "CONFIRMING", { type: "TEST_CONFIRMING" });
    await transitionOrder(tx, confirming!, "PAID", { type: "TEST_PAID" }, { paidAt: new Date() });
  });
  return placed;
}
