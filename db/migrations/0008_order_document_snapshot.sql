ALTER TABLE "order_documents" ADD COLUMN "page_count" integer;--> statement-breakpoint
ALTER TABLE "order_documents" ADD COLUMN "selected_pages" integer[];--> statement-breakpoint
ALTER TABLE "order_documents" ADD COLUMN "color_pages" integer[];--> statement-breakpoint
ALTER TABLE "order_documents" ADD COLUMN "forced_mono_pages" integer[];--> statement-breakpoint
-- Orders placed before this version: snapshot their documents' pages as they are now, page ranges applied as the pipeline applies them.
UPDATE "order_documents" od SET
  "page_count" = (SELECT count(*) FROM "document_pages" p WHERE p."document_id" = od."document_id"),
  "forced_mono_pages" = coalesce((SELECT array_agg(p."page_number" ORDER BY p."page_number") FROM "document_pages" p WHERE p."document_id" = od."document_id" AND p."is_color" AND p."is_forced_mono"), '{}');--> statement-breakpoint
UPDATE "order_documents" od SET "selected_pages" = coalesce(
  (SELECT array_agg(DISTINCT n ORDER BY n)
   FROM "orders" o,
     LATERAL regexp_split_to_table(o."options"->>'pageRanges', ',') AS part,
     LATERAL (SELECT trim(split_part(part, '-', 1))::int AS first_page,
                     CASE WHEN position('-' IN part) = 0 THEN trim(split_part(part, '-', 1))::int
                          WHEN trim(split_part(part, '-', 2)) = '' THEN od."page_count"
                          ELSE trim(split_part(part, '-', 2))::int END AS last_page) AS r,
     LATERAL generate_series(greatest(1, r.first_page), least(r.last_page, od."page_count")) AS n
   WHERE o."id" = od."order_id"),
  (SELECT coalesce(array_agg(n ORDER BY n), '{}') FROM generate_series(1, od."page_count") AS n));--> statement-breakpoint
UPDATE "order_documents" od SET "color_pages" = coalesce(
  (SELECT array_agg(p."page_number" ORDER BY p."page_number") FROM "document_pages" p
   WHERE p."document_id" = od."document_id" AND p."is_color" AND NOT p."is_forced_mono" AND p."page_number" = ANY (od."selected_pages")), '{}');--> statement-breakpoint
ALTER TABLE "order_documents" ALTER COLUMN "page_count" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "order_documents" ALTER COLUMN "selected_pages" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "order_documents" ALTER COLUMN "color_pages" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "order_documents" ALTER COLUMN "forced_mono_pages" SET NOT NULL;
