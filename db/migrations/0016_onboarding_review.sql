ALTER TABLE "printers" ADD COLUMN "address_key" text;--> statement-breakpoint
-- Backfill from the stored URI (already normalised by parsePrinterUri): no scheme, port made
-- explicit. Later rows that repeat an earlier cloud printer's address keep working but get no
-- key, so the index can be built; the add-printer check still stops new duplicates.
UPDATE "printers" SET "address_key" = m[1] || coalesce(m[2], ':631') || m[3]
FROM (SELECT "id" AS "mid", regexp_match(regexp_replace("uri", '^ipps?://', ''), '^(\[[^\]]*\]|[^/:]+)(:[0-9]+)?(.*)$') AS m FROM "printers") AS parsed
WHERE "printers"."id" = parsed."mid" AND m IS NOT NULL;--> statement-breakpoint
UPDATE "printers" SET "address_key" = NULL
WHERE "via_agent" = false AND EXISTS (
  SELECT 1 FROM "printers" AS earlier
  WHERE earlier."via_agent" = false AND earlier."address_key" = "printers"."address_key"
    AND (earlier."created_at", earlier."id") < ("printers"."created_at", "printers"."id")
);--> statement-breakpoint
CREATE UNIQUE INDEX "printers_address_key" ON "printers" USING btree ("address_key") WHERE via_agent = false;--> statement-breakpoint
ALTER TABLE "shops" ADD COLUMN "submitted_for_review_at" timestamp with time zone;--> statement-breakpoint
-- Shops made before submissions existed were in the review queue from the start.
UPDATE "shops" SET "submitted_for_review_at" = "created_at";
--> statement-breakpoint
CREATE TYPE "public"."shop_review_decision" AS ENUM('approved', 'changes_requested', 'rejected');--> statement-breakpoint
CREATE TABLE "shop_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"shop_id" uuid NOT NULL,
	"admin_id" text NOT NULL,
	"decision" "shop_review_decision" NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "shop_reviews" ADD CONSTRAINT "shop_reviews_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shop_reviews" ADD CONSTRAINT "shop_reviews_admin_id_users_id_fk" FOREIGN KEY ("admin_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "shop_reviews_shop_idx" ON "shop_reviews" USING btree ("shop_id","created_at");
