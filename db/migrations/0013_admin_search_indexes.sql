DROP INDEX "orders_customer_name_idx";--> statement-breakpoint
CREATE INDEX "orders_customer_name_prefix_idx" ON "orders" USING btree ("customer_name" text_pattern_ops);