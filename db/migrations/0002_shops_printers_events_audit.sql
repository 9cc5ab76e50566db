CREATE TYPE "public"."printer_state" AS ENUM('idle', 'processing', 'stopped', 'unknown');--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"actor_id" text NOT NULL,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text NOT NULL,
	"reason" text,
	"before" jsonb,
	"after" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"shop_id" uuid,
	"order_id" uuid,
	"job_id" uuid,
	"document_id" uuid,
	"printer_id" uuid,
	"actor" text DEFAULT 'system' NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "printers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"shop_id" uuid NOT NULL,
	"name" text NOT NULL,
	"uri" text NOT NULL,
	"is_enabled" boolean DEFAULT true NOT NULL,
	"via_agent" boolean DEFAULT false NOT NULL,
	"capabilities" jsonb NOT NULL,
	"make_and_model" text DEFAULT '' NOT NULL,
	"document_formats" text[] DEFAULT '{}'::text[] NOT NULL,
	"is_color" boolean DEFAULT false NOT NULL,
	"is_duplex" boolean DEFAULT false NOT NULL,
	"media" text[] DEFAULT '{}'::text[] NOT NULL,
	"finishings" text[] DEFAULT '{}'::text[] NOT NULL,
	"pages_per_minute" integer DEFAULT 1 NOT NULL,
	"pages_per_minute_color" integer,
	"is_online" boolean DEFAULT true NOT NULL,
	"state" "printer_state" DEFAULT 'unknown' NOT NULL,
	"state_reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"state_message" text DEFAULT '' NOT NULL,
	"queued_job_count" integer DEFAULT 0 NOT NULL,
	"markers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"missed_polls" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"last_seen_at" timestamp with time zone,
	"last_polled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "printers" ADD CONSTRAINT "printers_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_target_idx" ON "audit_log" USING btree ("target_type","target_id");--> statement-breakpoint
CREATE INDEX "audit_log_created_idx" ON "audit_log" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "events_shop_idx" ON "events" USING btree ("shop_id","id");--> statement-breakpoint
CREATE INDEX "events_order_idx" ON "events" USING btree ("order_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "printers_shop_uri" ON "printers" USING btree ("shop_id","uri");--> statement-breakpoint
CREATE INDEX "printers_poll_idx" ON "printers" USING btree ("is_enabled","last_polled_at");