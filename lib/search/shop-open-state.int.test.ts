import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, rawSql } from '@/db/client';
import { createTestUser } from '@/dev/test-support/fixtures';
import { openStateAt, type TOpeningSchedule } from '@/lib/shops/opening-hours';
import { searchShops } from './search-shops';
import { ZSearchShopsRequest } from './search-shops-request';
import { createFixtureShop, deleteFixtureShops, type TFixtureShop } from './testing/create-fixture-shop';
import { SCHEDULES, WINDOWS, type TKey } from './testing/hours-schedules';

/**
 * The SQL open state (np_shop_open_state, used by search) must give the same answer as
 * openStateAt (luxon, used everywhere else) at every instant: in zones with odd offsets, across
 * DST changes both ways, for evenings past midnight (also Sunday into Monday), for dated
 * exceptions (closed, short, past midnight, on a DST night) and for shops that do not open
 * within two weeks. Compared every 15 minutes over weeks that contain those changes.
 */
const shops = {} as Record<TKey, TFixtureShop>;

beforeAll(async () => {
  const owner = await createTestUser('shop_owner');
  for (const [index, [key, input]] of (Object.entries(SCHEDULES) as [TKey, (typeof SCHEDULES)[TKey]][]).entries()) {
    shops[key] = await createFixtureShop({
      ...input,
      ownerId: owner.id,
      name: `Hours ${key}`,
      // Far from everything else, with a price and a printer so the Kolkata shop can be searched.
      lat: -40 + index * 0.01,
      lng: 100,
      prices: [{ media: 'iso_a4_210x297mm', colorMode: 'monochrome', sides: 'one-sided', pricePerPageMinor: 10 }],
      printers: [{ isColor: false, isDuplex: false, media: ['iso_a4_210x297mm'], pagesPerMinute: 20 }],
    });
  }
});

afterAll(async () => {
  await deleteFixtureShops(Object.values(shops).map((s) => s.shop.id));
  await closeDb();
});

type TSqlState = { at_ms: number; is_open: boolean; closes_at_ms: number | null; opens_at_ms: number | null };

async function sqlStates(shopId: string, timezone: string, from: string, to: string): Promise<TSqlState[]> {
  return rawSql()<TSqlState[]>`
    SELECT extract(epoch FROM t)::float8 * 1000 AS at_ms, os.is_open,
           extract(epoch FROM os.closes_at)::float8 * 1000 AS closes_at_ms,
           extract(epoch FROM os.opens_at)::float8 * 1000 AS opens_at_ms
    FROM generate_series(${from}::timestamptz, ${to}::timestamptz, interval '15 minutes') AS t
    CROSS JOIN LATERAL np_shop_open_state(${shopId}::uuid, ${timezone}::text, t) AS os
    ORDER BY t`;
}

function describeState(state: { isOpen: boolean; at: number | null }, zone: string): string {
  const at = state.at === null ? 'never' : `${new Date(state.at).toLocaleString('en-GB', { timeZone: zone, dateStyle: 'short', timeStyle: 'short' })} (${new Date(state.at).toISOString()})`;
  return state.isOpen ? `open until ${at}` : `closed, opens ${at}`;
}

async function mismatches(schedule: TOpeningSchedule, shopId: string): Promise<string[]> {
  const out: string[] = [];
  for (const [from, to] of WINDOWS) {
    for (const row of await sqlStates(shopId, schedule.timezone, from, to)) {
      const expected = openStateAt(schedule, new Date(row.at_ms));
      const want = { isOpen: expected.isOpen, at: expected.isOpen ? expected.closesAt.toMillis() : (expected.opensAt?.toMillis() ?? null) };
      const got = { isOpen: row.is_open, at: row.is_open ? row.closes_at_ms : row.opens_at_ms };
      if (want.isOpen !== got.isOpen || want.at !== got.at) {
        out.push(`${new Date(row.at_ms).toISOString()}: luxon ${describeState(want, schedule.timezone)}, SQL ${describeState(got, schedule.timezone)}`);
      }
    }
  }
  return out;
}

describe('np_shop_open_state agrees with openStateAt every 15 minutes', () => {
  for (const key of Object.keys(SCHEDULES) as TKey[]) {
    it(`${key} (${SCHEDULES[key].timezone})`, async () => {
      const found = await mismatches(shops[key].schedule, shops[key].shop.id);
      expect(found.slice(0, 10)).toEqual([]);
    });
  }
});

describe('named edge cases', () => {
  async function stateAt(key: TKey, at: string) {
    const [row] = await rawSql()<{ is_open: boolean; closes_at: Date | string | null; opens_at: Date | string | null }[]>`
      SELECT os.is_open, os.closes_at, os.opens_at FROM np_shop_open_state(${shops[key].shop.id}::uuid, ${shops[key].schedule.timezone}::text, ${at}::timestamptz) os`;
    const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
    return { isOpen: row.is_open, closesAt: iso(row.closes_at), opensAt: iso(row.opens_at) };
  }

  it('Saturday 23:30 in New York stays open until 02:00, which on the spring-forward night is 03:00 EDT', async () => {
    expect(await stateAt('newYork', '2025-03-09T04:30:00Z')).toEqual({ isOpen: true, closesAt: '2025-03-09T07:00:00.000Z', opensAt: null });
  });

  it('Sunday night in New York runs into Monday morning', async () => {
    // Monday 2025-03-03 01:00 EST, from Sunday's 22:00–03:00.
    expect(await stateAt('newYork', '2025-03-03T06:00:00Z')).toEqual({ isOpen: true, closesAt: '2025-03-03T08:00:00.000Z', opensAt: null });
  });

  it('a short-day exception replaces both of Friday’s openings and Saturday’s late exception replaces its day', async () => {
    // Friday 2025-03-28 13:00 GMT: the short day (10–12) is over and the usual Friday evening is replaced too.
    expect(await stateAt('dublin', '2025-03-28T13:00:00Z')).toEqual({ isOpen: false, closesAt: null, opensAt: '2025-03-29T20:00:00.000Z' });
    // Saturday 23:00 GMT, open until 02:00 local on the Sunday the clocks go forward (02:00 IST = 01:00Z).
    expect(await stateAt('dublin', '2025-03-29T23:00:00Z')).toEqual({ isOpen: true, closesAt: '2025-03-30T01:00:00.000Z', opensAt: null });
  });

  it('a closing time that happens twice (clocks going back) is the first one', async () => {
    // 01:30 on 2025-10-26 in Dublin happens at 00:30Z (IST) and again at 01:30Z (GMT).
    expect(await stateAt('dublin', '2025-10-26T00:00:00Z')).toEqual({ isOpen: true, closesAt: '2025-10-26T00:30:00.000Z', opensAt: null });
  });

  it('looks a full two weeks ahead, and no further', async () => {
    // Sunday 2 March 09:00 in Auckland: this Sunday and next are closed; the one after is 14 days away.
    expect(await stateAt('auckland', '2025-03-01T20:00:00Z')).toEqual({ isOpen: false, closesAt: null, opensAt: '2025-03-15T21:00:00.000Z' });
    // From Saturday 1 March the same Sunday is 15 days away: beyond what openStateAt looks at.
    expect(await stateAt('auckland', '2025-02-28T23:00:00Z')).toEqual({ isOpen: false, closesAt: null, opensAt: null });
    expect(await stateAt('neverOpen', '2025-03-01T12:00:00Z')).toEqual({ isOpen: false, closesAt: null, opensAt: null });
  });

  it('back-to-back days close at midnight, where the next day’s opening starts', async () => {
    // Monday 23:59 on Lord Howe Island (UTC+11 in March).
    expect(await stateAt('lordHowe', '2025-03-03T12:59:00Z')).toEqual({ isOpen: true, closesAt: '2025-03-03T13:00:00.000Z', opensAt: null });
  });
});

describe('searchShops for a shop in another zone', () => {
  it('uses the shop’s local date and offset, not UTC’s or the server’s', async () => {
    // 2025-06-10T20:00Z is Wednesday 01:30 in Kolkata (UTC+05:30): a new local day, closed until 10:00.
    const kolkata = shops.kolkata;
    const request = ZSearchShopsRequest.parse({ lat: kolkata.shop.lat, lng: kolkata.shop.lng, radiusKm: 0.5, colorMode: 'monochrome' });
    const response = await searchShops(request, { now: new Date('2025-06-10T20:00:00Z'), currency: 'eur' });
    const result = response.results.find((r) => r.shop.id === kolkata.shop.id)!;
    expect(result.hours).toEqual({
      isOpen: false,
      closesAt: null,
      opensAt: '2025-06-11T10:00:00+05:30',
      today: { date: '2025-06-11', intervals: [{ opensMinute: 600, closesMinute: 1260 }], isException: false, note: null },
    });
    expect(result.ready.readyAt).toBe('2025-06-11T10:06:00+05:30');
  });
});
