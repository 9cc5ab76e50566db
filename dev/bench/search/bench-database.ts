import postgres from 'postgres';
import { migrateDatabase } from '@/db/migrate';
import { startEmbeddedDb } from '@/dev/embedded-db/start-embedded-db';
import { freePort } from '@/dev/lib/free-port';

export type TBenchDatabase = { url: string; prepare: boolean; describe: string; stop: () => Promise<void> };

/**
 * A migrated scratch database of a bench's own: `pglite`, an in-memory embedded PGlite served
 * over the wire protocol from this process; `postgis`, `name` created on the server at
 * `adminUrl` with PostGIS, dropped by `stop` unless `keep`.
 */
export async function createBenchDatabase(options: { backend: 'postgis' | 'pglite'; adminUrl: string; name: string; keep: boolean }): Promise<TBenchDatabase> {
  if (options.backend === 'pglite') {
    const embedded = await startEmbeddedDb({ port: await freePort() });
    await migrateDatabase(embedded.url);
    return { url: embedded.url, prepare: false, describe: 'embedded PGlite (in memory) served over the wire protocol from this process', stop: embedded.stop };
  }
  const { name } = options;
  const admin = postgres(options.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${name}`);
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(options.adminUrl);
  url.pathname = `/${name}`;
  const setup = postgres(url.toString(), { max: 1, onnotice: () => {} });
  await setup`CREATE EXTENSION IF NOT EXISTS postgis`;
  await setup.end();
  await migrateDatabase(url.toString());
  return {
    url: url.toString(),
    prepare: true,
    describe: `${name} on ${url.host} (dropped afterwards${options.keep ? ' unless --keep: kept' : ''})`,
    stop: async () => {
      if (!options.keep) await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
