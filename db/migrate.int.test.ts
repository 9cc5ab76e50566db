import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgliteWireServer } from '@/dev/embedded-db/pglite-wire-server';
import { freePort } from '@/dev/lib/free-port';
import { migrateDatabase } from './migrate';

let pg: PGlite;
let server: PgliteWireServer;
let url: string;

beforeAll(async () => {
  // A PostgreSQL without the PostGIS extension available.
  pg = await PGlite.create();
  server = new PgliteWireServer(pg);
  url = `postgres://postgres@127.0.0.1:${await server.listen(await freePort())}/postgres`;
}, 60_000);

afterAll(async () => {
  await server.close();
  await pg.close();
});

describe('migrateDatabase', () => {
  it('says exactly what is missing and how to fix it on a server without PostGIS', async () => {
    const error = await migrateDatabase(url).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/PostGIS is not installed on the PostgreSQL server at 127\.0\.0\.1:\d+\/postgres/);
    expect((error as Error).message).toMatch(/apt install postgresql-15-postgis-3/);
    expect((error as Error).message).toMatch(/unset DATABASE_URL/);
  });
});
