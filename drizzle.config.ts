import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  // PostGIS owns these; drizzle-kit must not try to manage them.
  extensionsFilters: ['postgis'],
  casing: undefined,
});
