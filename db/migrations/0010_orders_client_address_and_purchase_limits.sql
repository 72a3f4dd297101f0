ALTER TABLE "orders" ADD COLUMN "client_address" text;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "max_per_order" integer;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "max_per_shopper" integer;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "limits_since" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "orders_client_address_idx" ON "orders" USING btree ("client_address");--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_max_per_order_positive" CHECK ("products"."max_per_order" is null or "products"."max_per_order" >= 1);--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_max_per_shopper_positive" CHECK ("products"."max_per_shopper" is null or "products"."max_per_shopper" >= 1);