import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, rawSql } from '@/db/client';
import { createTestUser } from '@/dev/test-support/fixtures';
import { readyAfterWork, type TOpeningSchedule } from '@/lib/shops/opening-hours';
import { createFixtureShop, deleteFixtureShops, type TFixtureShop } from './testing/create-fixture-shop';
import { SCHEDULES, WINDOWS, type TKey } from './testing/hours-schedules';

/**
 * The SQL ready time (np_shop_ready_at, what search ranks by) must be the instant
 * readyAfterWork (luxon) gives, and so must the end of the opening the work starts in: every
 * 41 minutes over weeks with DST changes both ways, split days, evenings past midnight and
 * dated exceptions, for short jobs, jobs that run past one closing and jobs that span days.
 * Runs on both database backends (PostgreSQL and PGlite) with the rest of the integration tests.
 */
const WORK_MINUTES = [1, 6, 47, 240, 611, 1500, 4000];

const shops = {} as Record<TKey, TFixtureShop>;

beforeAll(async () => {
  const owner = await createTestUser('shop_owner');
  for (const [index, [key, input]] of (Object.entries(SCHEDULES) as [TKey, (typeof SCHEDULES)[TKey]][]).entries()) {
    shops[key] = await createFixtureShop({ ...input, ownerId: owner.id, name: `Ready ${key}`, lat: -41 + index * 0.01, lng: 101 });
  }
});

afterAll(async () => {
  await deleteFixtureShops(Object.values(shops).map((s) => s.shop.id));
  await closeDb();
});

type TSqlReady = { at_ms: number; work: number; ready_ms: number | null; stops_ms: number | null };

/** Each instant with one of WORK_MINUTES in turn, so every amount meets every kind of moment. */
async function sqlReady(shopId: string, timezone: string, from: string, to: string): Promise<TSqlReady[]> {
  return rawSql()<TSqlReady[]>`
    SELECT extract(epoch FROM t.at)::float8 * 1000 AS at_ms, t.work,
           extract(epoch FROM r.ready_at)::float8 * 1000 AS ready_ms,
           extract(epoch FROM r.work_stops_at)::float8 * 1000 AS stops_ms
    FROM (
      SELECT at, (${WORK_MINUTES}::int[])[1 + (row_number() OVER (ORDER BY at) % ${WORK_MINUTES.length})::int] AS work
      -- 41 minutes and 17 seconds apart, so instants between whole minutes are tried too.
      FROM generate_series(${from}::timestamptz, ${to}::timestamptz, interval '41 minutes 17 seconds') AS at
    ) t
    LEFT JOIN LATERAL np_shop_ready_at(${shopId}::uuid, ${timezone}::text, t.at, t.work) r ON true
    ORDER BY t.at`;
}

function show(ms: number | null, zone: string): string {
  return ms === null ? 'never' : `${new Date(ms).toLocaleString('en-GB', { timeZone: zone, dateStyle: 'short', timeStyle: 'short' })} (${new Date(ms).toISOString()})`;
}

async function mismatches(schedule: TOpeningSchedule, shopId: string): Promise<{ compared: number; found: string[] }> {
  const found: string[] = [];
  let compared = 0;
  for (const [from, to] of WINDOWS) {
    for (const row of await sqlReady(shopId, schedule.timezone, from, to)) {
      const expected = readyAfterWork(schedule, new Date(row.at_ms), row.work);
      const want = { ready: expected?.readyAt.toMillis() ?? null, stops: expected?.workStopsAt.toMillis() ?? null };
      const got = { ready: row.ready_ms, stops: row.stops_ms };
      compared++;
      if (want.ready !== got.ready || want.stops !== got.stops) {
        found.push(
          `${new Date(row.at_ms).toISOString()} + ${row.work} min: luxon ready ${show(want.ready, schedule.timezone)} (stops ${show(want.stops, schedule.timezone)}), SQL ready ${show(got.ready, schedule.timezone)} (stops ${show(got.stops, schedule.timezone)})`,
        );
      }
    }
  }
  return { compared, found };
}

describe('np_shop_ready_at agrees with readyAfterWork over a sweep of instants', () => {
  for (const key of Object.keys(SCHEDULES) as TKey[]) {
    it(`${key} (${SCHEDULES[key].timezone})`, async () => {
      const { compared, found } = await mismatches(shops[key].schedule, shops[key].shop.id);
      expect(found.slice(0, 10)).toEqual([]);
      expect(compared).toBeGreaterThan(1000);
    });
  }
});

describe('np_shop_ready_at at named moments', () => {
  async function readyAt(key: TKey, at: string, work: number) {
    const rows = await rawSql()<{ ready_at: Date | string; work_stops_at: Date | string }[]>`
      SELECT r.ready_at, r.work_stops_at FROM np_shop_ready_at(${shops[key].shop.id}::uuid, ${shops[key].schedule.timezone}::text, ${at}::timestamptz, ${work}::int) r`;
    return rows.length ? { readyAt: new Date(rows[0].ready_at).toISOString(), workStopsAt: new Date(rows[0].work_stops_at).toISOString() } : null;
  }

  it('continues at the next opening when the work runs past closing time', async () => {
    // Wednesday 5 March 2025 17:20 in Dublin (GMT): 10 minutes left today, 30 more from Thursday 09:00.
    expect(await readyAt('dublin', '2025-03-05T17:20:00Z', 40)).toEqual({ readyAt: '2025-03-06T09:30:00.000Z', workStopsAt: '2025-03-05T17:30:00.000Z' });
  });

  it('uses both openings of a split day', async () => {
    // Friday 7 March 17:00: 30 minutes to 17:30, the rest in the evening opening from 18:00.
    expect(await readyAt('dublin', '2025-03-07T17:00:00Z', 45)).toEqual({ readyAt: '2025-03-07T18:15:00.000Z', workStopsAt: '2025-03-07T17:30:00.000Z' });
  });

  it('works through an evening past midnight without a break', async () => {
    // Friday 7 March 2025 23:00 in New York (EST): open 18:00–02:00, so 2 h of work is done at 01:00.
    expect(await readyAt('newYork', '2025-03-08T04:00:00Z', 120)).toEqual({ readyAt: '2025-03-08T06:00:00.000Z', workStopsAt: '2025-03-08T07:00:00.000Z' });
  });

  it('skips a holiday exception and uses a short day', async () => {
    // Wednesday 26 March 17:00 GMT: 30 min today, Thursday is a holiday, Friday is 10:00–12:00 only.
    expect(await readyAt('dublin', '2025-03-26T17:00:00Z', 60)).toEqual({ readyAt: '2025-03-28T10:30:00.000Z', workStopsAt: '2025-03-26T17:30:00.000Z' });
  });

  it('counts the hour the clocks skip as not there', async () => {
    // Saturday 29 March 2025 in Dublin, late opening 20:00 until 02:00 local on the night the
    // clocks go forward (01:00 GMT becomes 02:00 IST): 20:00 GMT to 01:00 GMT is 5 hours of work.
    expect(await readyAt('dublin', '2025-03-29T20:00:00Z', 300)).toEqual({ readyAt: '2025-03-30T01:00:00.000Z', workStopsAt: '2025-03-30T01:00:00.000Z' });
    expect((await readyAt('dublin', '2025-03-29T20:00:00Z', 301))?.readyAt).toBe('2025-03-31T08:01:00.000Z');
  });

  it('treats back-to-back days as one opening', async () => {
    // Monday 23:00 on Lord Howe Island (UTC+11): open until Tuesday 24:00, no break at midnight.
    expect(await readyAt('lordHowe', '2025-03-03T12:00:00Z', 180)).toEqual({ readyAt: '2025-03-03T15:00:00.000Z', workStopsAt: '2025-03-04T13:00:00.000Z' });
  });

  it('has no ready time when the work does not fit in the next two weeks', async () => {
    expect(await readyAt('neverOpen', '2025-03-01T12:00:00Z', 10)).toBeNull();
    // Auckland opens 6 hours a week: 4000 minutes do not fit.
    expect(await readyAt('auckland', '2025-03-01T12:00:00Z', 4000)).toBeNull();
  });
});
