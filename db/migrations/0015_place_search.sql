-- Place search matches customers' typing against shop names, streets and postcodes with trigram
-- similarity (misspellings too). pg_trgm ships with PostgreSQL's contrib and with PGlite
-- (loaded in dev/embedded-db/start-embedded-db.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "shops_name_trgm" ON "shops" USING gin ("name" gin_trgm_ops) WHERE "shops"."status" = 'active';--> statement-breakpoint
CREATE INDEX "shops_address_line_trgm" ON "shops" USING gin ("address_line" gin_trgm_ops) WHERE "shops"."status" = 'active';--> statement-breakpoint
CREATE INDEX "shops_postcode_trgm" ON "shops" USING gin ((replace("postcode", ' ', '')) gin_trgm_ops) WHERE "shops"."status" = 'active';