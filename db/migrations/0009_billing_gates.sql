ALTER TYPE "public"."transfer_status" ADD VALUE 'unknown';--> statement-breakpoint
ALTER TYPE "public"."order_status" ADD VALUE 'payment_review';--> statement-breakpoint
ALTER TABLE "transfers" ADD COLUMN "attempted_at" timestamp with time zone;