ALTER TABLE "orders" ADD COLUMN "toss_read_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "confirm_round" integer DEFAULT 0 NOT NULL;