CREATE TABLE "payment_conflicts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"order_id" text,
	"payment_key" text,
	"detail" text DEFAULT '' NOT NULL,
	"raw" text,
	"source" text NOT NULL,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "payment_conflicts_open_idx" ON "payment_conflicts" USING btree ("resolved_at","created_at");--> statement-breakpoint
CREATE INDEX "payment_conflicts_order_idx" ON "payment_conflicts" USING btree ("order_id");