import { sql } from "drizzle-orm";
import {
  bigserial,
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgSequence,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () =>
  timestamp("updated_at", { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());

/** The store's own order lifecycle (the order states of docs/architecture.md). */
export const orderStatuses = [
  "PENDING",
  "CONFIRMING",
  "PAID",
  "WAITING_FOR_DEPOSIT",
  "FAILED",
  "EXPIRED",
  "PARTIAL_CANCELED",
  "CANCELED",
] as const;
export type OrderStatus = (typeof orderStatuses)[number];
export const orderStatus = pgEnum("order_status", orderStatuses);

/**
 * Where a paid order's goods are, beside its payment status (lib/fulfillment/state.ts), in the
 * words of Naver Smart Store's 판매자센터: 신규 주문 → 발주 확인 → 배송 중 → 배송 완료 → 구매 확정,
 * or 취소 when the order is refunded in full before it ships. Null until the order is paid.
 */
export const fulfillmentStatuses = ["NEW", "PREPARING", "SHIPPED", "DELIVERED", "PURCHASE_CONFIRMED", "CANCELED"] as const;
export type FulfillmentStatus = (typeof fulfillmentStatuses)[number];
export const fulfillmentStatus = pgEnum("fulfillment_status", fulfillmentStatuses);

export const userRoles = ["owner", "staff"] as const;
export const userRole = pgEnum("user_role", userRoles);

export const products = pgTable(
  "products",
  {
    id: serial("id").primaryKey(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    /** Integer KRW. */
    price: integer("price").notNull(),
    /** Path under public/ (no remote images: the store works offline). */
    image: text("image").notNull(),
    /** Units available to sell; placeOrder reserves by decrementing it. */
    stock: integer("stock").notNull().default(0),
    active: boolean("active").notNull().default(true),
    /** 최대 구매 수량 per order; null = no limit (lib/orders/purchase-limits.ts). */
    maxPerOrder: integer("max_per_order"),
    /** 최대 구매 수량 per shopper (cart, phone number or client address) over live orders; null = no limit. */
    maxPerShopper: integer("max_per_shopper"),
    /** When the owner last set the limits: the sale they count over starts here. */
    limitsSince: timestamp("limits_since", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("products_slug_key").on(t.slug),
    check("products_price_nonnegative", sql`${t.price} >= 0`),
    check("products_stock_nonnegative", sql`${t.stock} >= 0`),
    check("products_max_per_order_positive", sql`${t.maxPerOrder} is null or ${t.maxPerOrder} >= 1`),
    check("products_max_per_shopper_positive", sql`${t.maxPerShopper} is null or ${t.maxPerShopper} >= 1`),
  ],
);

export const carts = pgTable("carts", {
  id: uuid("id").primaryKey().defaultRandom(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const cartItems = pgTable(
  "cart_items",
  {
    id: serial("id").primaryKey(),
    cartId: uuid("cart_id")
      .notNull()
      .references(() => carts.id, { onDelete: "cascade" }),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    quantity: integer("quantity").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("cart_items_cart_product_key").on(t.cartId, t.productId),
    check("cart_items_quantity_positive", sql`${t.quantity} > 0`),
  ],
);

/** Feeds order numbers: each value gives a distinct number (lib/orders/order-number.ts). */
export const orderNumberSequence = pgSequence("order_number_seq", { startWith: 1 });

export const orders = pgTable(
  "orders",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** The orderId shared with Toss: unguessable, 6–64 chars of [A-Za-z0-9_-]. */
    orderId: text("order_id").notNull(),
    orderName: text("order_name").notNull(),
    status: orderStatus("status").notNull().default("PENDING"),
    /** Integer KRW computed by the server when the order was placed; the only amount ever confirmed. */
    amount: integer("amount").notNull(),
    /** Integer KRW: the shipping part of `amount` (lib/shipping.ts). */
    shippingFee: integer("shipping_fee").notNull().default(0),
    /** What a person reads over the phone, e.g. 261130-K7PX3M (lib/orders/order-number.ts). */
    orderNumber: text("order_number"),
    customerName: text("customer_name").notNull(),
    customerEmail: text("customer_email").notNull(),
    /** Digits only, e.g. 01012345678. */
    customerPhone: text("customer_phone").notNull(),
    postcode: text("postcode").notNull(),
    address: text("address").notNull(),
    addressDetail: text("address_detail").notNull().default(""),
    deliveryMemo: text("delivery_memo").notNull().default(""),
    /** The widget's customerKey for this buyer (random, never an email or phone). */
    customerKey: text("customer_key").notNull(),
    /** The cart this order was placed from, emptied once payment is confirmed. */
    cartId: uuid("cart_id").references(() => carts.id, { onDelete: "set null" }),
    /** The address the order was placed from (lib/client-address.ts): unpaid orders per address are limited (lib/orders/unpaid-limit.ts), and so are purchases per shopper (lib/orders/purchase-limits.ts). */
    clientAddress: text("client_address"),
    /** Set when a confirm is claimed, so a second /success with another paymentKey is refused. */
    paymentKey: text("payment_key"),
    statusChangedAt: timestamp("status_changed_at", { withTimezone: true }).notNull().defaultNow(),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    /** When a webhook that is only a hint last read this order's payment from the provider (bounds such reads across instances). */
    paymentReadAt: timestamp("payment_read_at", { withTimezone: true }),
    /** The sweeper's confirm round: each round confirms under its own Idempotency-Key. */
    confirmRound: integer("confirm_round").notNull().default(0),
    canceledAt: timestamp("canceled_at", { withTimezone: true }),
    fulfillmentStatus: fulfillmentStatus("fulfillment_status"),
    fulfillmentChangedAt: timestamp("fulfillment_changed_at", { withTimezone: true }),
    /** When every parcel was delivered: 구매 확정 follows PURCHASE_CONFIRM_AFTER_DAYS later. */
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    purchaseConfirmedAt: timestamp("purchase_confirmed_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("orders_order_id_key").on(t.orderId),
    // The admin's work queues (신규 주문, 발송 대기, 배송 중, …) and the sweeper's due deliveries.
    index("orders_fulfillment_idx").on(t.fulfillmentStatus, t.fulfillmentChangedAt),
    uniqueIndex("orders_order_number_key").on(t.orderNumber),
    index("orders_status_idx").on(t.status, t.statusChangedAt),
    index("orders_customer_email_idx").on(t.customerEmail),
    // The admin's order list: keyset pages by date or amount, each optionally within one status,
    // and search by phone, email or the start of a name (lib/admin/orders.ts).
    index("orders_created_keyset_idx").on(t.createdAt, t.id),
    index("orders_amount_keyset_idx").on(t.amount, t.id),
    index("orders_status_created_keyset_idx").on(t.status, t.createdAt, t.id),
    index("orders_customer_phone_idx").on(t.customerPhone),
    // text_pattern_ops: a `like '김토%'` uses it whatever the collation (and an equality too).
    index("orders_customer_name_prefix_idx").using("btree", t.customerName.op("text_pattern_ops")),
    index("orders_customer_email_lower_idx").on(sql`lower(${t.customerEmail})`),
    // The dashboard's revenue by day.
    index("orders_paid_at_idx").on(t.paidAt),
    // A cart's orders: checkout's prefill (its latest), placeOrder's one live order per cart, and
    // the foreign key's check when the sweeper deletes an abandoned cart.
    index("orders_cart_idx").on(t.cartId, t.id),
    // The unpaid-order limit and per-shopper purchase limits find an address's orders.
    index("orders_client_address_idx").on(t.clientAddress),
    check("orders_amount_nonnegative", sql`${t.amount} >= 0`),
    check("orders_shipping_fee_nonnegative", sql`${t.shippingFee} >= 0`),
  ],
);

export const orderItems = pgTable(
  "order_items",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    orderId: bigint("order_id", { mode: "number" })
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    productId: integer("product_id").references(() => products.id, { onDelete: "set null" }),
    /** Snapshots: what the shopper saw and paid, whatever the product becomes later. */
    productName: text("product_name").notNull(),
    unitPrice: integer("unit_price").notNull(),
    quantity: integer("quantity").notNull(),
    lineTotal: integer("line_total").notNull(),
    /** Units refunded by line, whether or not they went back to stock (never more than `quantity`). */
    refundedQuantity: integer("refunded_quantity").notNull().default(0),
    /** Units returned to stock by refunds of a paid order (never more than `refundedQuantity`). */
    restockedQuantity: integer("restocked_quantity").notNull().default(0),
  },
  (t) => [
    index("order_items_order_idx").on(t.orderId),
    check("order_items_restocked_within_quantity", sql`${t.restockedQuantity} >= 0 and ${t.restockedQuantity} <= ${t.quantity}`),
    check("order_items_refunded_within_quantity", sql`${t.refundedQuantity} >= 0 and ${t.refundedQuantity} <= ${t.quantity}`),
    check("order_items_unit_price_nonnegative", sql`${t.unitPrice} >= 0`),
    check("order_items_quantity_positive", sql`${t.quantity} > 0`),
    check("order_items_line_total_nonnegative", sql`${t.lineTotal} >= 0`),
  ],
);

export const payments = pgTable(
  "payments",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    orderId: bigint("order_id", { mode: "number" })
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    /** The payment provider that took it (lib/payments/index.ts resolves it). */
    provider: text("provider").notNull().default("toss"),
    /** The provider's id of the payment. */
    paymentKey: text("payment_key").notNull(),
    /** The method in the shopper's words: 카드, 가상계좌, 간편결제, 계좌이체, … */
    method: text("method"),
    /** The provider's own status word, as last read; shown in the back office, never compared. */
    providerStatus: text("provider_status").notNull(),
    totalAmount: integer("total_amount").notNull(),
    balanceAmount: integer("balance_amount").notNull(),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    virtualAccountBankCode: text("virtual_account_bank_code"),
    virtualAccountNumber: text("virtual_account_number"),
    virtualAccountHolder: text("virtual_account_holder"),
    virtualAccountDueDate: timestamp("virtual_account_due_date", { withTimezone: true }),
    /** Payment.secret from the confirm response: DEPOSIT_CALLBACK must echo it. */
    secret: text("secret"),
    receiptUrl: text("receipt_url"),
    /** The last payment object read from the provider, verbatim (secret replaced). */
    raw: jsonb("raw").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("payments_payment_key_key").on(t.paymentKey),
    index("payments_order_idx").on(t.orderId),
    check("payments_total_amount_nonnegative", sql`${t.totalAmount} >= 0`),
    check("payments_balance_amount_nonnegative", sql`${t.balanceAmount} >= 0`),
  ],
);

export const paymentCancels = pgTable(
  "payment_cancels",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    paymentId: bigint("payment_id", { mode: "number" })
      .notNull()
      .references(() => payments.id, { onDelete: "cascade" }),
    /** The provider's id of the cancel (Toss's transactionKey); null until the provider has answered. */
    transactionKey: text("transaction_key"),
    amount: integer("amount").notNull(),
    reason: text("reason").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    /** REQUESTED while the call is in flight, then DONE or FAILED. */
    status: text("status").notNull().default("REQUESTED"),
    requestedBy: text("requested_by"),
    canceledAt: timestamp("canceled_at", { withTimezone: true }),
    /** admin: asked for here; otherwise the provider's name (toss): found on the payment, made in its dashboard. */
    source: text("source").notNull().default("admin"),
    /** The balance the owner saw, sent as refundableAmount so that a stale second refund is refused. */
    refundableAmount: integer("refundable_amount"),
    /** Order lines this cancel refunds, counted on order_items.refunded_quantity once it is done. */
    refundLines: jsonb("refund_lines").$type<{ orderItemId: number; quantity: number }[]>(),
    /** Order lines to put back in stock once the cancel is done: [{ orderItemId, quantity }]. */
    restockLines: jsonb("restock_lines").$type<{ orderItemId: number; quantity: number }[]>(),
    /** Deposited virtual accounts: where the money goes (number masked) and the bank transfer's state. */
    refundAccount: jsonb("refund_account").$type<{ bankCode: string; accountNumberMasked: string; holderName: string }>(),
    /** The refund transfer of a paid-in virtual account: NONE / PENDING / COMPLETED / FAILED / PARTIAL_FAILED (lib/payments/types.ts), null for other methods. */
    refundStatus: text("refund_status"),
    failureCode: text("failure_code"),
    failureMessage: text("failure_message"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("payment_cancels_transaction_key_key").on(t.transactionKey),
    uniqueIndex("payment_cancels_idempotency_key_key").on(t.idempotencyKey),
    index("payment_cancels_payment_idx").on(t.paymentId),
    index("payment_cancels_requested_idx").on(t.status, t.createdAt),
    check("payment_cancels_amount_positive", sql`${t.amount} > 0`),
  ],
);

/** One parcel of an order: its courier and tracking number, what it carries, when it left and arrived. */
export const shipments = pgTable(
  "shipments",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    orderId: bigint("order_id", { mode: "number" })
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    /** A code of lib/fulfillment/couriers.ts. */
    courier: text("courier").notNull(),
    /** Digits only; null for 직접 전달. */
    trackingNumber: text("tracking_number"),
    shippedAt: timestamp("shipped_at", { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    /** Who shipped it: admin:<email>. */
    actor: text("actor").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("shipments_order_idx").on(t.orderId),
    // One parcel per tracking number and courier: a second upload of the same file adds nothing.
    uniqueIndex("shipments_tracking_key").on(t.courier, t.trackingNumber),
    // Parcels not yet delivered, oldest first: the sweeper's DELIVERED_AFTER_DAYS.
    index("shipments_undelivered_idx").on(t.shippedAt).where(sql`${t.deliveredAt} is null`),
  ],
);

export const shipmentItems = pgTable(
  "shipment_items",
  {
    shipmentId: bigint("shipment_id", { mode: "number" })
      .notNull()
      .references(() => shipments.id, { onDelete: "cascade" }),
    orderItemId: bigint("order_item_id", { mode: "number" })
      .notNull()
      .references(() => orderItems.id, { onDelete: "cascade" }),
    quantity: integer("quantity").notNull(),
  },
  (t) => [uniqueIndex("shipment_items_key").on(t.shipmentId, t.orderItemId), index("shipment_items_order_item_idx").on(t.orderItemId), check("shipment_items_quantity_positive", sql`${t.quantity} > 0`)],
);

/** The timeline of an order: every transition, refused attempt and notable fact. */
export const orderEvents = pgTable(
  "order_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    orderId: bigint("order_id", { mode: "number" })
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    fromStatus: orderStatus("from_status"),
    toStatus: orderStatus("to_status"),
    message: text("message").notNull().default(""),
    data: jsonb("data"),
    /** Who caused it: shopper, toss, webhook, sweeper, admin:<email>, system. */
    actor: text("actor").notNull().default("system"),
    createdAt: createdAt(),
  },
  (t) => [index("order_events_order_idx").on(t.orderId, t.createdAt)],
);

export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    transmissionId: text("transmission_id"),
    retriedCount: integer("retried_count"),
    /** PAYMENT_STATUS_CHANGED, DEPOSIT_CALLBACK, … or null when the body could not be read. */
    eventType: text("event_type"),
    /** Toss's orderId and paymentKey named by the body, for the admin's per-order list. */
    orderId: text("order_id"),
    paymentKey: text("payment_key"),
    headers: jsonb("headers").notNull(),
    body: text("body").notNull(),
    /** received → processed | duplicate | ignored | rejected | invalid | retry | error */
    outcome: text("outcome").notNull().default("received"),
    outcomeDetail: text("outcome_detail"),
    httpStatus: integer("http_status"),
    processingMs: integer("processing_ms"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("webhook_deliveries_order_idx").on(t.orderId, t.receivedAt),
    index("webhook_deliveries_transmission_idx").on(t.transmissionId),
    index("webhook_deliveries_received_idx").on(t.receivedAt),
  ],
);

export const users = pgTable(
  "users",
  {
    id: serial("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull().default(""),
    role: userRole("role").notNull().default("staff"),
    passwordHash: text("password_hash").notNull(),
    /** A disabled account cannot sign in, and its open sessions stop working at their next request. */
    disabled: boolean("disabled").notNull().default(false),
    /**
     * Sessions carry the version they were signed in at; a reset, disable, role change or
     * sign-out everywhere bumps it, and every request compares (lib/auth/roles.ts).
     */
    sessionVersion: integer("session_version").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("users_email_key").on(sql`lower(${t.email})`)],
);

/** The audit trail of back-office accounts: who created, disabled, enabled or reset which account, and when. */
export const accountEvents = pgTable(
  "account_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    /** CREATED, DISABLED, ENABLED, PASSWORD_RESET */
    type: text("type").notNull(),
    /** admin:<email> of the owner who acted. */
    actor: text("actor").notNull(),
    /** What changed (role, how the password was chosen); never a password. */
    data: jsonb("data"),
    createdAt: createdAt(),
  },
  (t) => [index("account_events_user_idx").on(t.userId, t.createdAt), index("account_events_created_idx").on(t.createdAt)],
);

/**
 * Money the store could not match to an order as Toss describes it: a payment for an unknown
 * order, a Toss answer that did not parse, a payment whose amount or orderId disagrees. The
 * owner's dashboard lists the open ones; nothing here moves an order by itself.
 */
export const paymentConflicts = pgTable(
  "payment_conflicts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** UNKNOWN_ORDER | UNPARSEABLE_PAYMENT | PAYMENT_MISMATCH | REFUND_FAILED */
    kind: text("kind").notNull(),
    /** Toss's orderId and paymentKey as named by the source, when it named them. */
    orderId: text("order_id"),
    paymentKey: text("payment_key"),
    detail: text("detail").notNull().default(""),
    /** What Toss sent or answered, verbatim but with any `secret` replaced. */
    raw: text("raw"),
    /** confirm, sweeper, webhook, refund, … */
    source: text("source").notNull(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("payment_conflicts_open_idx").on(t.resolvedAt, t.createdAt),
    index("payment_conflicts_order_idx").on(t.orderId),
  ],
);

/** One counted attempt for lib/rate-limit.ts: sign-in failures, unpaid orders, order lookups. */
export const rateLimitHits = pgTable(
  "rate_limit_hits",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** What is limited, e.g. "signin:email", "orders:ip". */
    bucket: text("bucket").notNull(),
    /** Whom it is counted for: a normalised email, a client address, … */
    key: text("key").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("rate_limit_hits_bucket_key_idx").on(t.bucket, t.key, t.createdAt), index("rate_limit_hits_created_idx").on(t.createdAt)],
);

/** Old slugs of a product, so a renamed product's old URL keeps working (it redirects). */
export const productSlugRedirects = pgTable(
  "product_slug_redirects",
  {
    slug: text("slug").primaryKey(),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [index("product_slug_redirects_product_idx").on(t.productId)],
);

/** A product's history: stock changes (who, when, why, by how much) and edits. */
export const productEvents = pgTable(
  "product_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    /** CREATED, UPDATED, STOCK_ADJUSTED, STOCK_SET, RESTOCKED_BY_REFUND */
    type: text("type").notNull(),
    /** Units added (negative: removed); 0 for edits that do not touch stock. */
    delta: integer("delta").notNull().default(0),
    stockAfter: integer("stock_after"),
    reason: text("reason").notNull().default(""),
    /** admin:<email>, system, … */
    actor: text("actor").notNull(),
    data: jsonb("data"),
    createdAt: createdAt(),
  },
  (t) => [index("product_events_product_idx").on(t.productId, t.createdAt)],
);

export type Product = typeof products.$inferSelect;
export type NewProduct = typeof products.$inferInsert;
export type Cart = typeof carts.$inferSelect;
export type CartItem = typeof cartItems.$inferSelect;
export type Order = typeof orders.$inferSelect;
export type NewOrder = typeof orders.$inferInsert;
export type OrderItem = typeof orderItems.$inferSelect;
export type Payment = typeof payments.$inferSelect;
export type NewPayment = typeof payments.$inferInsert;
export type PaymentCancel = typeof paymentCancels.$inferSelect;
export type ProductEvent = typeof productEvents.$inferSelect;
export type OrderEvent = typeof orderEvents.$inferSelect;
export type Shipment = typeof shipments.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
export type User = typeof users.$inferSelect;
export type AccountEvent = typeof accountEvents.$inferSelect;
export type PaymentConflict = typeof paymentConflicts.$inferSelect;
export type RateLimitHit = typeof rateLimitHits.$inferSelect;
