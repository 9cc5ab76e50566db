-- Nearprint needs PostGIS for geography columns, GiST indexes and ST_DWithin.
-- On a server without it this fails; db/migrate.ts checks first and explains the fix.
CREATE EXTENSION IF NOT EXISTS postgis;
