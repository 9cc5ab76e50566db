CREATE TABLE "pickup_code_failures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"shop_id" uuid NOT NULL,
	"order_id" uuid,
	"actor_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pickup_code_failures" ADD CONSTRAINT "pickup_code_failures_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pickup_code_failures" ADD CONSTRAINT "pickup_code_failures_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pickup_code_failures_shop_idx" ON "pickup_code_failures" USING btree ("shop_id","created_at");--> statement-breakpoint
CREATE INDEX "pickup_code_failures_order_idx" ON "pickup_code_failures" USING btree ("order_id","created_at");