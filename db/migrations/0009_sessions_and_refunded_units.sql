ALTER TABLE "order_items" ADD COLUMN "refunded_quantity" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_cancels" ADD COLUMN "refund_lines" jsonb;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "session_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Backfill by hand: refunds so far were counted only by what they restocked; a fully refunded
-- order refunded every unit.
UPDATE "order_items" SET "refunded_quantity" = CASE WHEN "orders"."status" = 'CANCELED' AND "orders"."paid_at" IS NOT NULL THEN "order_items"."quantity" ELSE "order_items"."restocked_quantity" END FROM "orders" WHERE "orders"."id" = "order_items"."order_id";--> statement-breakpoint
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_refunded_within_quantity" CHECK ("order_items"."refunded_quantity" >= 0 and "order_items"."refunded_quantity" <= "order_items"."quantity");