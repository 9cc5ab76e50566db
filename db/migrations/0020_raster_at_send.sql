ALTER TABLE "print_jobs" ADD COLUMN "output_raster" jsonb;
