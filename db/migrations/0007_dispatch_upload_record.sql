ALTER TABLE "print_jobs" ADD COLUMN "document_sent_at" timestamp with time zone;--> statement-breakpoint
-- Jobs already on their way when this version starts may have reached their printer: they are looked up there, not sent again.
UPDATE "print_jobs" SET "document_sent_at" = coalesce("dispatched_at", now()) WHERE "state" IN ('sending', 'printing');
