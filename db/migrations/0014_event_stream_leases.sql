CREATE TABLE "event_stream_leases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "event_stream_leases_user_idx" ON "event_stream_leases" USING btree ("user_id","expires_at");--> statement-breakpoint
CREATE INDEX "event_stream_leases_expiry_idx" ON "event_stream_leases" USING btree ("expires_at");