ALTER TABLE "orders" RENAME COLUMN "toss_read_at" TO "payment_read_at";--> statement-breakpoint
ALTER TABLE "payments" RENAME COLUMN "toss_status" TO "provider_status";--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "provider" text DEFAULT 'toss' NOT NULL;
