import fs from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export type TEmbeddedDb = { url: string; port: number; stop: () => Promise<void> };

/**
 * Starts PGlite with PostGIS and serves it over the Postgres wire protocol on loopback,
 * so the app, the worker and tests use the same driver (postgres.js) as in production.
 * `dataDir` undefined keeps everything in memory (tests).
 *
 * PGlite is single-connection: the socket server multiplexes clients and runs their
 * transactions one after another, so callers must keep transactions short.
 */
export async function startEmbeddedDb(options: { dataDir?: string; port: number }): Promise<TEmbeddedDb> {
  if (options.dataDir) await fs.mkdir(options.dataDir, { recursive: true });
  const pg = await PGlite.create(options.dataDir, { extensions: { postgis } });
  const server = new PGLiteSocketServer({ db: pg, port: options.port, host: '127.0.0.1', maxConnections: 64 });
  try {
    await server.start();
  } catch (error) {
    await pg.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new Error(
        `Port ${options.port} is already in use, so the embedded database cannot start. ` +
          'Is Nearprint already running? Stop it, or set EMBEDDED_DB_PORT to a free port.',
      );
    }
    throw error;
  }
  const port = options.port;
  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop();
      await pg.close();
    },
  };
}
