import fs from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { postgis } from '@electric-sql/pglite-postgis';
import { PgliteWireServer } from './pglite-wire-server';

export type TEmbeddedDb = { url: string; port: number; stop: () => Promise<void> };

/**
 * Starts PGlite with PostGIS (and pg_trgm, for place search) and serves it over the Postgres wire protocol on loopback,
 * so the app, the worker and tests use the same driver (postgres.js) as in production.
 * `dataDir` undefined keeps everything in memory (tests).
 *
 * PGlite is one session: the wire server lets clients take turns by unit of work and whole
 * transactions (see pglite-wire-server.ts), so callers must keep transactions short.
 */
export async function startEmbeddedDb(options: { dataDir?: string; port: number }): Promise<TEmbeddedDb> {
  if (options.dataDir) await fs.mkdir(options.dataDir, { recursive: true });
  const pg = await PGlite.create(options.dataDir, { extensions: { postgis, pg_trgm } });
  const server = new PgliteWireServer(pg);
  let port: number;
  try {
    port = await server.listen(options.port);
  } catch (error) {
    await pg.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new Error(`Port ${options.port} is already in use, so the embedded database cannot start. ` + 'Is Nearprint already running? Stop it, or set EMBEDDED_DB_PORT to a free port.');
    }
    throw error;
  }
  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.close();
      await pg.close();
    },
  };
}
