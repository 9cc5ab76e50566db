CREATE TYPE "public"."order_move_status" AS ENUM('pending_payment', 'completed', 'canceled');--> statement-breakpoint
CREATE TABLE "order_moves" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"from_shop_id" uuid NOT NULL,
	"to_shop_id" uuid NOT NULL,
	"status" "order_move_status" NOT NULL,
	"quote" jsonb NOT NULL,
	"total_minor" integer NOT NULL,
	"credit_minor" integer NOT NULL,
	"difference_minor" integer NOT NULL,
	"stripe_checkout_session_id" text,
	"checkout_url" text,
	"stripe_payment_intent_id" text,
	"stripe_charge_id" text,
	"top_up_refunded_minor" integer DEFAULT 0 NOT NULL,
	"requested_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	"difference_settled_at" timestamp with time zone,
	"settling_until" timestamp with time zone,
	CONSTRAINT "order_moves_stripe_checkout_session_id_unique" UNIQUE("stripe_checkout_session_id"),
	CONSTRAINT "order_moves_stripe_payment_intent_id_unique" UNIQUE("stripe_payment_intent_id"),
	CONSTRAINT "order_moves_stripe_charge_id_unique" UNIQUE("stripe_charge_id")
);
--> statement-breakpoint
ALTER TABLE "print_jobs" ADD COLUMN "is_printer_pinned" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "print_jobs" ADD COLUMN "ipp_template" jsonb;--> statement-breakpoint
ALTER TABLE "print_jobs" ADD COLUMN "converted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "print_jobs" ADD COLUMN "waiting_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "print_jobs" ADD COLUMN "cancel_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "print_jobs" ADD COLUMN "outcome_unknown_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "print_jobs" ADD COLUMN "refund_due" text;--> statement-breakpoint
ALTER TABLE "print_jobs" ADD COLUMN "refund_settled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "printers" ADD COLUMN "dispatch_lease_owner" text;--> statement-breakpoint
ALTER TABLE "printers" ADD COLUMN "dispatch_lease_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "order_moves" ADD CONSTRAINT "order_moves_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_moves" ADD CONSTRAINT "order_moves_from_shop_id_shops_id_fk" FOREIGN KEY ("from_shop_id") REFERENCES "public"."shops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_moves" ADD CONSTRAINT "order_moves_to_shop_id_shops_id_fk" FOREIGN KEY ("to_shop_id") REFERENCES "public"."shops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_moves" ADD CONSTRAINT "order_moves_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_moves_order_idx" ON "order_moves" USING btree ("order_id","created_at");--> statement-breakpoint
CREATE INDEX "order_moves_status_idx" ON "order_moves" USING btree ("status");--> statement-breakpoint
CREATE INDEX "print_jobs_refund_due_idx" ON "print_jobs" USING btree ("refund_due","refund_settled_at");--> statement-breakpoint
-- The shop's backlog for search's ready-time estimate (lib/search/search-shops.ts): impressions
-- still to print for its jobs that are waiting, converting, being sent or printing. A
-- converted job knows its exact impressions; before that the paid quote's (per copy × copies).
CREATE OR REPLACE FUNCTION np_shop_backlog_impressions(shop_id uuid)
RETURNS integer
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT coalesce(sum(greatest(0,
           coalesce(j.expected_impressions,
                    ((o.quote -> 'impressions' ->> 'colorImpressions')::integer
                     + (o.quote -> 'impressions' ->> 'monoImpressions')::integer) * (o.quote ->> 'copies')::integer)
           - j.impressions_completed)), 0)::integer
  FROM print_jobs j
  JOIN orders o ON o.id = j.order_id
  WHERE j.shop_id = np_shop_backlog_impressions.shop_id
    AND j.state IN ('awaiting_acceptance', 'queued', 'converting', 'sending', 'printing')
    AND j.outcome_unknown_at IS NULL
$$;
