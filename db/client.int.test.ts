import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { closeDb, db, rawSql } from '@/db/client';
import { shops, users } from '@/db/schema';

afterAll(closeDb);

describe(`database (${process.env.NEARPRINT_TEST_BACKEND})`, () => {
  it('has PostGIS and the migrations applied', async () => {
    const [row] = await rawSql()<{ version: string }[]>`select postgis_lib_version() as version`;
    expect(row.version).toMatch(/^3\./);
    const applied = await rawSql()`select count(*)::int as n from drizzle.__drizzle_migrations`;
    expect(applied[0].n).toBeGreaterThanOrEqual(2);
  });

  it('round-trips a shop location through geography and answers distance queries with the GiST index', async () => {
    const ownerId = `owner-${Date.now()}`;
    await db.insert(users).values({ id: ownerId, name: 'Owner', email: `${ownerId}@example.test`, role: 'shop_owner' });
    const [shop] = await db
      .insert(shops)
      .values({
        ownerId,
        name: 'Round Trip Print',
        addressLine: '1 College Green',
        city: 'Dublin',
        country: 'IE',
        lat: 53.3441,
        lng: -6.2597,
        timezone: 'Europe/Dublin',
      })
      .returning();
    const [located] = await db.execute<{ lat: number; lng: number; distance_m: number; within: boolean }>(sql`
      select ST_Y(location::geometry) as lat, ST_X(location::geometry) as lng,
             ST_Distance(location, ST_SetSRID(ST_MakePoint(-6.2603, 53.3498), 4326)::geography) as distance_m,
             ST_DWithin(location, ST_SetSRID(ST_MakePoint(-6.2603, 53.3498), 4326)::geography, 1000) as within
      from shops where id = ${shop.id}`);
    expect(located.lat).toBeCloseTo(53.3441, 6);
    expect(located.lng).toBeCloseTo(-6.2597, 6);
    // Trinity College to the Spire is about 635 m on the WGS84 spheroid.
    expect(located.distance_m).toBeGreaterThan(600);
    expect(located.distance_m).toBeLessThan(670);
    expect(located.within).toBe(true);

    const indexes = await rawSql()`select indexdef from pg_indexes where tablename = 'shops' and indexname = 'shops_location_gist'`;
    expect(indexes[0].indexdef).toMatch(/USING gist/);

    await db.delete(shops).where(sql`id = ${shop.id}`);
    await db.delete(users).where(sql`id = ${ownerId}`);
  });

  // pg_terminate_backend of the embedded PGlite's one session would end the test run's database.
  it.skipIf(process.env.NEARPRINT_TEST_BACKEND === 'pglite')('survives a transaction whose server connection is terminated mid-query (a pooler or server restart)', () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'db/testing/survive-terminated-transaction.ts'], { env: process.env, encoding: 'utf8', timeout: 60_000 });
    expect(child.status, child.stderr).toBe(0);
    expect(JSON.parse(child.stdout.trim().split('\n').at(-1)!)).toEqual({ failure: expect.not.stringMatching(/^committed$/), afterwards: 1 });
  });
});
