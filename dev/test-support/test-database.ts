import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import postgres from 'postgres';
import { startEmbeddedDb } from '@/dev/embedded-db/start-embedded-db';
import { freePort } from '@/dev/lib/free-port';
import { migrateDatabase } from '@/db/migrate';

export type TTestDatabase = { url: string; backend: 'postgis' | 'pglite'; stop: () => Promise<void> };

/** Tests may only ever wipe a database on this machine. */
export function assertLocalDatabase(url: string): void {
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) {
    throw new Error(`Refusing to run tests against ${host}: TEST_DATABASE_URL must point at a local server.`);
  }
}

/**
 * The database the tests run on: TEST_DATABASE_URL (a real PostgreSQL+PostGIS, wiped first)
 * or, when unset or TEST_DB=pglite, a fresh embedded PGlite with PostGIS.
 */
export async function startTestDatabase(options: { persistDir?: string } = {}): Promise<TTestDatabase> {
  const external = process.env.TEST_DB === 'pglite' ? undefined : process.env.TEST_DATABASE_URL;
  if (external) {
    assertLocalDatabase(external);
    await wipeDatabase(external);
    await migrateDatabase(external);
    return { url: external, backend: 'postgis', stop: async () => {} };
  }
  const dataDir = options.persistDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'nearprint-pglite-')));
  const embedded = await startEmbeddedDb({ dataDir, port: await freePort() });
  try {
    await migrateDatabase(embedded.url);
  } catch (error) {
    await embedded.stop();
    throw error;
  }
  return {
    url: embedded.url,
    backend: 'pglite',
    stop: async () => {
      await embedded.stop();
      if (!options.persistDir) await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Drops everything Nearprint created, keeping the PostGIS extension installed. */
async function wipeDatabase(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, prepare: false, onnotice: () => {} });
  try {
    await sql.unsafe(`
      drop schema if exists drizzle cascade;
      do $$ declare r record; begin
        for r in select tablename from pg_tables where schemaname = 'public' and tablename <> 'spatial_ref_sys' loop
          execute 'drop table if exists public.' || quote_ident(r.tablename) || ' cascade';
        end loop;
        for r in select t.typname from pg_type t join pg_namespace n on n.oid = t.typnamespace
                 where n.nspname = 'public' and t.typtype = 'e' loop
          execute 'drop type if exists public.' || quote_ident(r.typname) || ' cascade';
        end loop;
        for r in select p.oid::regprocedure as fn from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                 left join pg_depend d on d.objid = p.oid and d.deptype = 'e'
                 where n.nspname = 'public' and d.objid is null loop
          execute 'drop function if exists ' || r.fn || ' cascade';
        end loop;
      end $$;`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
