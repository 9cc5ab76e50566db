DROP INDEX "events_shop_idx";--> statement-breakpoint
DROP INDEX "events_order_idx";--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "tx" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
CREATE INDEX "events_shop_idx" ON "events" USING btree ("shop_id","tx","id");--> statement-breakpoint
CREATE INDEX "events_order_idx" ON "events" USING btree ("order_id","tx","id");