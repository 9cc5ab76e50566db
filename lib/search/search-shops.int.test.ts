import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, rawSql } from '@/db/client';
import { createTestUser } from '@/dev/test-support/fixtures';
import type { TColorMode, TSides } from '@/lib/job-options/job-options';
import type { TMedia } from '@/lib/job-options/media';
import { impressionsFromCounts } from '@/lib/quote/impressions';
import { quoteJob, type TQuoteLine } from '@/lib/quote/quote-job';
import { openStateAt, readyAfterWork } from '@/lib/shops/opening-hours';
import type { TPriceRow } from '@/lib/shops/shop-schemas';
import { explainEmptySearch } from './explain-empty-search';
import { BEST_VALUE_MAX_WAIT_HOURS, BEST_VALUE_MINOR_PER_HOUR, BEST_VALUE_MINOR_PER_KM, HANDLING_MINUTES, searchShops, type TSearchShopsResponse } from './search-shops';
import { ZSearchShopsRequest, type TSearchShopsQuery, type TSearchSort } from './search-shops-request';
import { createFixtureShop, deleteFixtureShops, type TFixturePrinter, type TFixtureShop, type TFixtureShopInput } from './testing/create-fixture-shop';

/**
 * Ranking against an independent computation: haversine distances computed here, prices from
 * quoteJob on each shop's full price list and written out by hand, capabilities derived here
 * from the printers, open state from openStateAt. The fixture sits in the mid-Atlantic so no
 * other test's shops are within reach.
 */
const CENTER = { lat: 40, lng: -40 };
/** Wednesday 11:00 in Dublin (IST, UTC+1). */
const NOW = new Date('2025-06-11T10:00:00Z');
const EARTH_RADIUS_M = 6_371_008.8;

const A4: TMedia = 'iso_a4_210x297mm';
const A3: TMedia = 'iso_a3_297x420mm';

function offset(northKm: number, eastKm: number): { lat: number; lng: number } {
  const lat = CENTER.lat + ((northKm * 1000) / EARTH_RADIUS_M) * (180 / Math.PI);
  const lng = CENTER.lng + ((eastKm * 1000) / (EARTH_RADIUS_M * Math.cos((CENTER.lat * Math.PI) / 180))) * (180 / Math.PI);
  return { lat, lng };
}

function haversineM(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lng - a.lng) * rad) / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h));
}

function prices(media: TMedia, mono1: number | null, mono2: number | null, color1: number | null, color2: number | null): TPriceRow[] {
  const rows: TPriceRow[] = [];
  if (mono1 !== null) rows.push({ media, colorMode: 'monochrome', sides: 'one-sided', pricePerPageMinor: mono1 });
  if (mono2 !== null) rows.push({ media, colorMode: 'monochrome', sides: 'two-sided', pricePerPageMinor: mono2 });
  if (color1 !== null) rows.push({ media, colorMode: 'color', sides: 'one-sided', pricePerPageMinor: color1 });
  if (color2 !== null) rows.push({ media, colorMode: 'color', sides: 'two-sided', pricePerPageMinor: color2 });
  return rows;
}

const WEEKDAYS = [1, 2, 3, 4, 5];
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
const hours = (days: number[], opens: string, closes: string): [number, string, string][] => days.map((d) => [d, opens, closes]);
const colourDuplex = (media: string[], extra: Partial<TFixturePrinter> = {}): TFixturePrinter => ({ isColor: true, isDuplex: true, media, pagesPerMinute: 30, ...extra });

type TFixtureKey = 'alpha' | 'bravo' | 'charlie' | 'delta' | 'twinOne' | 'twinTwo' | 'echo' | 'zulu' | 'foxtrot' | 'golf' | 'hotel' | 'india';

const FIXTURE: Record<TFixtureKey, Omit<TFixtureShopInput, 'ownerId'>> = {
  alpha: {
    name: 'Alpha',
    ...offset(0.5, 0),
    prices: [...prices(A4, 10, 8, 40, 36), ...prices(A3, 20, null, 80, null)],
    finishing: [
      { finishing: 'staple', priceMinor: 30, isManual: false },
      { finishing: 'bind', priceMinor: 350, isManual: true },
    ],
    hours: hours(WEEKDAYS, '09:00', '17:30'),
    printers: [colourDuplex([A4, A3], { finishings: ['staple'], pagesPerMinute: 30 })],
  },
  bravo: {
    name: 'Bravo',
    ...offset(0, 1.2),
    jobFeeMinor: 50,
    minimumChargeMinor: 200,
    prices: prices(A4, 6, 5, 35, 32),
    hours: hours(WEEKDAYS, '08:00', '20:00'),
    printers: [
      { isColor: true, isDuplex: false, media: [A4], pagesPerMinute: 4 },
      // Neither of these may count: one is switched off, one is unreachable.
      colourDuplex([A4, A3], { pagesPerMinute: 100, isEnabled: false }),
      { isColor: false, isDuplex: true, media: [A4], pagesPerMinute: 50, isOnline: false },
    ],
  },
  charlie: {
    name: 'Charlie',
    ...offset(-2.5, 0),
    jobFeeMinor: 25,
    minimumChargeMinor: 100,
    prices: prices(A4, 5, 4, 30, 27),
    // Staple is priced but no printer staples and it is not done by hand: not offered.
    finishing: [
      { finishing: 'staple', priceMinor: 20, isManual: false },
      { finishing: 'punch', priceMinor: 15, isManual: false },
    ],
    hours: hours(EVERY_DAY, '07:00', '23:00'),
    printers: [colourDuplex([A4], { finishings: ['punch'], pagesPerMinute: 60 })],
  },
  delta: {
    name: 'Delta',
    ...offset(0, -4),
    prices: [...prices(A4, 8, 7, 32, 29), ...prices(A3, 16, null, 64, null)],
    finishing: [{ finishing: 'bind', priceMinor: 300, isManual: true }],
    hours: hours(WEEKDAYS, '09:00', '17:30'),
    exceptions: [{ date: '2025-06-11', opensMinute: null, closesMinute: null, note: 'Stocktake' }],
    printers: [colourDuplex([A4, A3], { pagesPerMinute: 40 })],
  },
  twinOne: { name: 'Twin One', ...offset(2.1213, 2.1213), prices: prices(A4, 9, 8, 38, 34), hours: hours(EVERY_DAY, '08:00', '20:00'), printers: [colourDuplex([A4], { pagesPerMinute: 10 })] },
  twinTwo: { name: 'Twin Two', ...offset(2.1213, 2.1213), prices: prices(A4, 9, 8, 38, 34), hours: hours(EVERY_DAY, '08:00', '20:00'), printers: [colourDuplex([A4], { pagesPerMinute: 10 })] },
  echo: { name: 'Echo', ...offset(6, 0), prices: prices(A4, 1, 1, 5, 5), hours: hours(EVERY_DAY, '00:00', '24:00'), printers: [colourDuplex([A4], { pagesPerMinute: 100 })] },
  zulu: {
    name: 'Zulu',
    ...offset(-8, 0),
    prices: prices(A4, 2000, null, 2000, null),
    hours: hours(EVERY_DAY, '00:00', '24:00'),
    printers: [{ isColor: true, isDuplex: false, media: [A4], pagesPerMinute: 10 }],
  },
  foxtrot: { name: 'Foxtrot', ...offset(0.8, 0), status: 'suspended', prices: prices(A4, 1, 1, 1, 1), hours: hours(EVERY_DAY, '00:00', '24:00'), printers: [colourDuplex([A4])] },
  golf: { name: 'Golf', ...offset(-1, 0), prices: prices(A4, 1, 1, 1, 1), hours: hours(EVERY_DAY, '00:00', '24:00') },
  hotel: { name: 'Hotel', ...offset(1.06, 1.06), prices: prices(A4, null, null, 25, 22), hours: hours(WEEKDAYS, '09:00', '17:30'), printers: [colourDuplex([A4], { pagesPerMinute: 25 })] },
  india: { name: 'India', ...offset(0.3, 0), status: 'pending_review', prices: prices(A4, 1, 1, 1, 1), hours: hours(EVERY_DAY, '00:00', '24:00'), printers: [colourDuplex([A4])] },
};

const shops = {} as Record<TFixtureKey, TFixtureShop>;
const keyOf = new Map<string, TFixtureKey>();
/**
 * Queued impressions per shop, from np_shop_backlog_impressions: the print pipeline owns how
 * the backlog is counted; search owns what it does with it.
 */
const backlog = new Map<string, number>();

beforeAll(async () => {
  const owner = await createTestUser('shop_owner');
  for (const [key, input] of Object.entries(FIXTURE) as [TFixtureKey, Omit<TFixtureShopInput, 'ownerId'>][]) {
    shops[key] = await createFixtureShop({ ...input, ownerId: owner.id });
    keyOf.set(shops[key].shop.id, key);
  }
  const ids = Object.values(shops).map((s) => s.shop.id);
  const rows = await rawSql()<{ id: string; backlog: number }[]>`SELECT id::text, np_shop_backlog_impressions(id) AS backlog FROM unnest(${ids}::uuid[]) AS id`;
  for (const row of rows) backlog.set(row.id, row.backlog);
});

afterAll(async () => {
  await deleteFixtureShops(Object.values(shops).map((s) => s.shop.id));
  await closeDb();
});

const J1: TSearchShopsQuery = { lat: CENTER.lat, lng: CENTER.lng, media: A4, colorMode: 'auto', pageCount: 10, colorPageCount: 3, sides: 'one-sided', copies: 2, pagesPerSheet: 1 };

async function search(input: Partial<TSearchShopsQuery>): Promise<TSearchShopsResponse> {
  return searchShops(ZSearchShopsRequest.parse({ ...J1, ...input }), { now: NOW, currency: 'eur' });
}

const names = (response: TSearchShopsResponse) => response.results.map((r) => keyOf.get(r.shop.id));

/** The twins tie on everything, so they are ordered by id. */
function twins(): TFixtureKey[] {
  return shops.twinOne.shop.id < shops.twinTwo.shop.id ? ['twinOne', 'twinTwo'] : ['twinTwo', 'twinOne'];
}

describe('searchShops against hand-computed results (job: A4, 10 pages of which 3 colour, 2 copies)', () => {
  it('prices every shop as written out by hand, line by line', async () => {
    const response = await search({ sort: 'cheapest' });
    expect(response.impressions).toEqual({ monoImpressions: 7, colorImpressions: 3, sheets: 10 });
    const byKey = Object.fromEntries(response.results.map((r) => [keyOf.get(r.shop.id), r]));
    // Alpha: 7×2×10 + 3×2×40 = 140 + 240
    expect(byKey.alpha.price.totalMinor).toBe(380);
    expect(byKey.alpha.price.lines).toEqual([
      { kind: 'pages_mono', label: '7 black & white pages × 2 copies', quantity: 14, unitMinor: 10, amountMinor: 140 },
      { kind: 'pages_color', label: '3 colour pages × 2 copies', quantity: 6, unitMinor: 40, amountMinor: 240 },
    ]);
    // Bravo: 14×6 + 6×35 + fee 50 = 84 + 210 + 50 (above its 200 minimum)
    expect(byKey.bravo.price.totalMinor).toBe(344);
    expect(byKey.bravo.price.lines.map((l: TQuoteLine) => [l.kind, l.amountMinor])).toEqual([
      ['pages_mono', 84],
      ['pages_color', 210],
      ['job_fee', 50],
    ]);
    // Charlie: 14×5 + 6×30 + fee 25
    expect(byKey.charlie.price.totalMinor).toBe(275);
    // Delta: 14×8 + 6×32
    expect(byKey.delta.price.totalMinor).toBe(304);
    // Twins: 14×9 + 6×38
    expect(byKey.twinOne.price.totalMinor).toBe(354);
    expect(byKey.twinTwo.price.totalMinor).toBe(354);
    expect(Object.keys(byKey).sort()).toEqual(['alpha', 'bravo', 'charlie', 'delta', 'twinOne', 'twinTwo']);
  });

  it('tops up to the minimum charge', async () => {
    const response = await search({ colorMode: 'monochrome', pageCount: 1, colorPageCount: 0, copies: 1, sort: 'nearest' });
    const bravo = response.results.find((r) => r.shop.id === shops.bravo.shop.id);
    const charlie = response.results.find((r) => r.shop.id === shops.charlie.shop.id);
    // Bravo: 6 + fee 50 = 56, minimum 200 → top-up 144. Charlie: 5 + 25 = 30, minimum 100 → 70.
    expect(bravo?.price.lines.map((l) => [l.kind, l.amountMinor])).toEqual([
      ['pages_mono', 6],
      ['job_fee', 50],
      ['minimum_charge', 144],
    ]);
    expect(bravo?.price.totalMinor).toBe(200);
    expect(charlie?.price.lines.at(-1)).toMatchObject({ kind: 'minimum_charge', amountMinor: 70 });
    expect(charlie?.price.totalMinor).toBe(100);
  });

  it('measures great-circle distance like haversine', async () => {
    const response = await search({ radiusKm: 10 });
    expect(response.results.length).toBeGreaterThan(0);
    for (const result of response.results) {
      expect(Math.abs(result.distanceM - haversineM(CENTER, result.shop))).toBeLessThan(0.1);
    }
  });

  it('ranks by best value: total + 40 cents per km + 20 cents per hour until ready', async () => {
    const response = await search({ sort: 'best_value' });
    // Scores: Charlie 275+100+2 (6 min)=377, Bravo 344+48+3 (10 min)=395, Alpha 380+20+2=402,
    // twins 354+120+2 (7 min)=476, Delta 304+160+442 (closed today, ready tomorrow 09:06: 22.1 h)=906.
    expect(names(response)).toEqual(['charlie', 'bravo', 'alpha', ...twins(), 'delta']);
    const charlie = response.results[0];
    expect(charlie.rank).toMatchObject({ position: 1, sort: 'best_value', scoreMinor: 377, distanceCostMinor: 100, waitCostMinor: 2 });
    expect(charlie.rank.summary).toBe('€2.75 for your job + €1.00 for 2.5 km (€0.40 per km) + €0.02 for waiting until 11:06 (€0.20 per hour) = €3.77');
    const delta = response.results.at(-1)!;
    expect(delta.rank).toMatchObject({ scoreMinor: 906, waitCostMinor: 442 });
    expect(delta.rank.summary).toBe('€3.04 for your job + €1.60 for 4.0 km (€0.40 per km) + €4.42 for waiting until tomorrow 09:06 (€0.20 per hour) = €9.06');
    expect([BEST_VALUE_MINOR_PER_KM, BEST_VALUE_MINOR_PER_HOUR, BEST_VALUE_MAX_WAIT_HOURS]).toEqual([40, 20, 48]);
  });

  it('ranks by nearest, cheapest and soonest', async () => {
    expect(names(await search({ sort: 'nearest' }))).toEqual(['alpha', 'bravo', 'charlie', ...twins(), 'delta']);
    expect(names(await search({ sort: 'cheapest' }))).toEqual(['charlie', 'delta', 'bravo', ...twins(), 'alpha']);
    // Ready: Charlie 10:06 (€2.75) and Alpha 10:06 (€3.80), twins 10:07, Bravo 10:10; Delta is closed today.
    expect(names(await search({ sort: 'soonest' }))).toEqual(['charlie', 'alpha', ...twins(), 'bravo', 'delta']);
  });

  it('estimates ready times from the queue, the speed and the opening hours', async () => {
    const response = await search({ sort: 'nearest' });
    const byKey = Object.fromEntries(response.results.map((r) => [keyOf.get(r.shop.id), r]));
    for (const result of response.results) expect(result.ready.backlogImpressions).toBe(backlog.get(result.shop.id));
    // No jobs are queued at the fixture shops. Alpha is open: 20 impressions at 30 a minute → 1 min, + 5 handling.
    expect(byKey.alpha.ready).toEqual({
      readyAt: '2025-06-11T11:06:00+01:00',
      backlogImpressions: 0,
      jobImpressions: 20,
      pagesPerMinute: 30,
      isAfterClosing: false,
      workStopsAt: '2025-06-11T17:30:00+01:00',
    });
    // Bravo prints at 4 a minute on its one live printer (the disabled and offline ones count for nothing): 5 min + 5.
    expect(byKey.bravo.ready).toMatchObject({ readyAt: '2025-06-11T11:10:00+01:00', pagesPerMinute: 4 });
    expect(byKey.charlie.ready).toMatchObject({ readyAt: '2025-06-11T11:06:00+01:00', pagesPerMinute: 60 });
    // Delta is closed for stocktake today: work starts when it opens tomorrow at 09:00.
    expect(byKey.delta.ready.readyAt).toBe('2025-06-12T09:06:00+01:00');
    expect(HANDLING_MINUTES).toBe(5);
  });

  it('reports open state and today’s hours in the shop’s zone, as openStateAt does', async () => {
    const response = await search({ radiusKm: 10 });
    for (const result of response.results) {
      const fixture = shops[keyOf.get(result.shop.id)!];
      const expected = openStateAt(fixture.schedule, NOW);
      expect(result.hours.isOpen).toBe(expected.isOpen);
      if (expected.isOpen) expect(result.hours.closesAt).toBe(expected.closesAt.toISO({ suppressMilliseconds: true }));
      else expect(result.hours.opensAt).toBe(expected.opensAt?.toISO({ suppressMilliseconds: true }) ?? null);
    }
    const alpha = response.results.find((r) => r.shop.id === shops.alpha.shop.id)!;
    expect(alpha.hours).toEqual({
      isOpen: true,
      closesAt: '2025-06-11T17:30:00+01:00',
      opensAt: null,
      today: { date: '2025-06-11', intervals: [{ opensMinute: 540, closesMinute: 1050 }], isException: false, note: null },
    });
    const delta = response.results.find((r) => r.shop.id === shops.delta.shop.id)!;
    expect(delta.hours).toEqual({
      isOpen: false,
      closesAt: null,
      opensAt: '2025-06-12T09:00:00+01:00',
      today: { date: '2025-06-11', intervals: [], isException: true, note: 'Stocktake' },
    });
  });

  it('derives capability badges from live printers and offered finishing', async () => {
    const response = await search({});
    const byKey = Object.fromEntries(response.results.map((r) => [keyOf.get(r.shop.id), r]));
    expect(byKey.bravo.capabilities).toEqual({ color: true, duplex: false, media: [A4], finishings: [], pagesPerMinute: 4 });
    expect(byKey.alpha.capabilities).toEqual({ color: true, duplex: true, media: [A4, A3].sort(), finishings: ['staple', 'bind'], pagesPerMinute: 30 });
    expect(byKey.charlie.capabilities.finishings).toEqual(['punch']);
  });
});

describe('filters', () => {
  const keys = async (input: Partial<TSearchShopsQuery>) => (names(await search({ sort: 'nearest', ...input })) as string[]).sort();

  it('never shows suspended, unapproved or printer-less shops', async () => {
    for (const sort of ['best_value', 'nearest', 'cheapest', 'soonest'] as const) {
      const found = await keys({ sort, radiusKm: 50, colorMode: 'color', pageCount: 1, colorPageCount: 0 });
      expect(found).not.toContain('foxtrot');
      expect(found).not.toContain('golf');
      expect(found).not.toContain('india');
    }
  });

  it('needs a colour printer and a colour price for colour pages', async () => {
    // Colour only: Hotel (colour-only price list) now qualifies; every shop has a colour printer.
    expect(await keys({ colorMode: 'color', pageCount: 1, colorPageCount: 0 })).toEqual(['alpha', 'bravo', 'charlie', 'delta', 'hotel', 'twinOne', 'twinTwo']);
  });

  it('needs a duplex printer and a two-sided price for two-sided jobs', async () => {
    expect(await keys({ colorMode: 'monochrome', sides: 'two-sided-long-edge', pageCount: 4 })).toEqual(['alpha', 'charlie', 'delta', 'twinOne', 'twinTwo']);
    const alpha = (await search({ colorMode: 'monochrome', sides: 'two-sided-long-edge', pageCount: 4, copies: 1, sort: 'nearest' })).results[0];
    // 4 printed sides at Alpha's two-sided mono price of 8.
    expect(alpha.price.totalMinor).toBe(32);
  });

  it('needs the paper size on a printer and in the price list', async () => {
    expect(await keys({ media: A3, colorMode: 'monochrome' })).toEqual(['alpha', 'delta']);
    // Nobody prices A3 two-sided.
    expect(await keys({ media: A3, colorMode: 'monochrome', sides: 'two-sided-short-edge' })).toEqual([]);
  });

  it('needs finishing that is priced and either done by hand or by a printer', async () => {
    expect(await keys({ finishing: 'staple' })).toEqual(['alpha']);
    expect(await keys({ finishing: 'punch' })).toEqual(['charlie']);
    expect(await keys({ finishing: 'bind' })).toEqual(['alpha', 'delta']);
    expect(await keys({ offers: 'bind' })).toEqual(['alpha', 'delta']);
    expect(await keys({ offers: ['staple', 'bind'] })).toEqual(['alpha']);
  });

  it('keeps to the radius', async () => {
    expect(await keys({ radiusKm: 0.6 })).toEqual(['alpha']);
    expect(await keys({ radiusKm: 7 })).toContain('echo');
    expect(await keys({ radiusKm: 7 })).not.toContain('zulu');
    expect(await keys({ radiusKm: 10 })).toEqual(['alpha', 'bravo', 'charlie', 'delta', 'echo', 'twinOne', 'twinTwo', 'zulu']);
  });

  it('filters to shops open now', async () => {
    const response = await search({ openNow: 'true' });
    expect(names(response)).toEqual(['charlie', 'bravo', 'alpha', ...twins()]);
    expect(response.total).toBe(5);
  });
});

describe('paging', () => {
  it('pages through the same ranking with a stable total', async () => {
    const all = await search({ pageSize: 50 });
    const first = await search({ pageSize: 4, page: 1 });
    const second = await search({ pageSize: 4, page: 2 });
    const beyond = await search({ pageSize: 4, page: 3 });
    expect([first.total, second.total, beyond.total]).toEqual([6, 6, 6]);
    expect([...names(first), ...names(second)]).toEqual(names(all));
    expect(second.results.map((r) => r.rank.position)).toEqual([5, 6]);
    expect(beyond.results).toEqual([]);
  });
});

describe('big jobs', () => {
  it('adds beyond 32-bit integers without overflowing, and has no ready time for work that does not fit in two weeks', async () => {
    const response = await search({ radiusKm: 10, colorMode: 'color', pageCount: 5000, copies: 999, sort: 'cheapest' });
    const zulu = response.results.find((r) => r.shop.id === shops.zulu.shop.id)!;
    // 5000 × 999 × 2000 = 9,990,000,000 minor units.
    expect(zulu.price.totalMinor).toBe(9_990_000_000);
    // 4,995,000 impressions at 10 per minute: 347 days of work.
    expect(zulu.ready).toMatchObject({ readyAt: null, isAfterClosing: false });
  });

  it('finishes work that runs past closing time at the next opening, and says so', async () => {
    // Alpha: 15,000 impressions at 30 a minute = 500 min + 5; Wednesday 11:00 leaves 390 min until 17:30, the other 115 from Thursday 09:00.
    const response = await search({ colorMode: 'monochrome', pageCount: 5000, colorPageCount: 0, copies: 3, sort: 'nearest' });
    const alpha = response.results.find((r) => r.shop.id === shops.alpha.shop.id)!;
    expect(alpha.ready).toMatchObject({ readyAt: '2025-06-12T10:55:00+01:00', isAfterClosing: true, workStopsAt: '2025-06-11T17:30:00+01:00' });
  });
});

/** Capabilities as refreshShopCapabilities should derive them, computed here from the fixture printers. */
function liveCapabilities(input: Omit<TFixtureShopInput, 'ownerId'>) {
  const live = (input.printers ?? []).filter((p) => (p.isEnabled ?? true) && (p.isOnline ?? true));
  return {
    color: live.some((p) => p.isColor),
    duplex: live.some((p) => p.isDuplex),
    media: new Set(live.flatMap((p) => p.media)),
    finishings: new Set(live.flatMap((p) => p.finishings ?? [])),
    pagesPerMinute: live.reduce((sum, p) => sum + p.pagesPerMinute, 0),
  };
}

type TExpected = { key: TFixtureKey; id: string; totalMinor: number; distanceM: number; scoreMinor: number; readyAt: number | null };

/** The whole search, recomputed in TypeScript from the fixture definitions. */
function expectedResults(request: ReturnType<typeof ZSearchShopsRequest.parse>): TExpected[] {
  const impressions = impressionsFromCounts(request, request);
  const jobImpressions = (impressions.monoImpressions + impressions.colorImpressions) * request.copies;
  const out: TExpected[] = [];
  for (const key of Object.keys(FIXTURE) as TFixtureKey[]) {
    const input = FIXTURE[key];
    const caps = liveCapabilities(input);
    const distanceM = haversineM(request, input);
    if ((input.status ?? 'active') !== 'active' || caps.pagesPerMinute === 0 || distanceM > request.radiusKm * 1000) continue;
    if (!caps.media.has(request.media) || (impressions.colorImpressions > 0 && !caps.color) || (request.sides !== 'one-sided' && !caps.duplex)) continue;
    const offersOk = (kind: string) => (input.finishing ?? []).some((f) => f.finishing === kind && (f.isManual || caps.finishings.has(kind)));
    if (request.finishing !== 'none' && !offersOk(request.finishing)) continue;
    if (!request.offers.every(offersOk)) continue;
    const quote = quoteJob({ priceList: shops[key].priceList, job: request, impressions, currency: 'eur' });
    if (!quote.ok) continue;
    const state = openStateAt(shops[key].schedule, NOW);
    if (request.openNow && !state.isOpen) continue;
    const minutes = Math.ceil((backlog.get(shops[key].shop.id)! + jobImpressions) / caps.pagesPerMinute) + HANDLING_MINUTES;
    const readyAt = readyAfterWork(shops[key].schedule, NOW, minutes)?.readyAt.toMillis() ?? null;
    const waitMinutes = Math.min(readyAt === null ? Infinity : (readyAt - NOW.getTime()) / 60_000, BEST_VALUE_MAX_WAIT_HOURS * 60);
    const totalMinor = quote.quote.totalMinor;
    const scoreMinor = totalMinor + Math.round((distanceM * BEST_VALUE_MINOR_PER_KM) / 1000) + Math.round((waitMinutes * BEST_VALUE_MINOR_PER_HOUR) / 60);
    out.push({ key, id: shops[key].shop.id, totalMinor, distanceM, scoreMinor, readyAt });
  }
  const byId = (a: TExpected, b: TExpected) => (a.id < b.id ? -1 : 1);
  const order: Record<TSearchSort, (a: TExpected, b: TExpected) => number> = {
    best_value: (a, b) => a.scoreMinor - b.scoreMinor || a.totalMinor - b.totalMinor || a.distanceM - b.distanceM || (a.readyAt ?? Infinity) - (b.readyAt ?? Infinity) || byId(a, b),
    nearest: (a, b) => a.distanceM - b.distanceM || a.totalMinor - b.totalMinor || byId(a, b),
    cheapest: (a, b) => a.totalMinor - b.totalMinor || a.distanceM - b.distanceM || byId(a, b),
    soonest: (a, b) => (a.readyAt ?? Infinity) - (b.readyAt ?? Infinity) || a.totalMinor - b.totalMinor || a.distanceM - b.distanceM || byId(a, b),
  };
  return out.sort(order[request.sort]);
}

describe('every job variant against the independent computation', () => {
  const variants: Partial<TSearchShopsQuery>[] = [];
  for (const media of [A4, A3])
    for (const colorMode of ['monochrome', 'color', 'auto'] as TColorMode[])
      for (const sides of ['one-sided', 'two-sided-long-edge'] as TSides[])
        for (const [copies, pagesPerSheet] of [
          [1, 1],
          [3, 2],
        ])
          for (const finishing of ['none', 'staple', 'bind'] as const) variants.push({ media, colorMode, sides, copies, pagesPerSheet, finishing, pageCount: 7, colorPageCount: 2, radiusKm: 10 });

  it(`agrees on membership, order, totals and lines for ${variants.length} jobs, sorts taken in turn`, async () => {
    const sorts: TSearchSort[] = ['best_value', 'nearest', 'cheapest', 'soonest'];
    let compared = 0;
    for (const [index, variant] of variants.entries()) {
      const sort = sorts[index % sorts.length];
      const request = ZSearchShopsRequest.parse({ ...J1, ...variant, sort, pageSize: 50 });
      const response = await searchShops(request, { now: NOW, currency: 'eur' });
      const expected = expectedResults(request);
      expect(names(response), JSON.stringify(variant)).toEqual(expected.map((e) => e.key));
      for (const [i, result] of response.results.entries()) {
        const key = expected[i].key;
        const quote = quoteJob({ priceList: shops[key].priceList, job: request, impressions: response.impressions, currency: 'eur' });
        if (!quote.ok) throw new Error(quote.reason);
        expect(result.price.totalMinor).toBe(quote.quote.totalMinor);
        expect(result.price.lines).toEqual(quote.quote.lines);
        expect(result.rank.scoreMinor).toBe(expected[i].scoreMinor);
        expect(result.ready.readyAt === null ? null : Date.parse(result.ready.readyAt)).toBe(expected[i].readyAt);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });
});

describe('explainEmptySearch', () => {
  it('suggests the radius that reaches the nearest shop that can do the job', async () => {
    const request = ZSearchShopsRequest.parse({ ...J1, radiusKm: 0.3 });
    expect((await searchShops(request, { now: NOW })).total).toBe(0);
    expect(await explainEmptySearch(request, { now: NOW })).toMatchObject({ kind: 'widen', nearestName: 'Alpha', suggestedRadiusKm: 1 });
  });

  it('says when shops can do it but none is open now', async () => {
    // 23:30 in Dublin: every fixture shop in range has closed.
    const lateNight = new Date('2025-06-11T22:30:00Z');
    const request = ZSearchShopsRequest.parse({ ...J1, openNow: 'true' });
    expect((await searchShops(request, { now: lateNight })).total).toBe(0);
    expect(await explainEmptySearch(request, { now: lateNight })).toEqual({ kind: 'closed_now', count: 6 });
  });

  it('says when nothing within the largest radius can do it', async () => {
    const request = ZSearchShopsRequest.parse({ ...J1, media: 'na_legal_8.5x14in' });
    expect(await explainEmptySearch(request, { now: NOW })).toEqual({ kind: 'none_nearby' });
  });
});

describe('ranking on a Saturday afternoon as most shops close', () => {
  /** Saturday 14 June 2025, 16:00 in Dublin (IST). */
  const SATURDAY = new Date('2025-06-14T15:00:00Z');
  const HERE = { lat: 41, lng: -41 };
  const kmFrom = (north: number, east: number) => ({ lat: HERE.lat + north / 111.2, lng: HERE.lng + east / (111.2 * Math.cos((HERE.lat * Math.PI) / 180)) });
  const printer = [{ isColor: false, isDuplex: false, media: [A4], pagesPerMinute: 30 }];
  const same = { prices: prices(A4, 10, null, null, null), printers: printer };
  const saturday: Record<string, Omit<TFixtureShopInput, 'ownerId'>> = {
    openLate: { name: 'Open late', ...kmFrom(1, 0), ...same, hours: hours(EVERY_DAY, '10:00', '18:00') },
    weekdaysOnly: { name: 'Weekdays only', ...kmFrom(-1, 0), ...same, hours: hours(WEEKDAYS, '09:00', '17:30') },
    closingNow: { name: 'Closing now', ...kmFrom(0, 1), ...same, hours: hours([1, 2, 3, 4, 5, 6], '09:00', '16:05') },
    sundayNoon: { name: 'Sunday noon', ...kmFrom(0, -1), ...same, hours: [[7, '12:00', '16:00']] },
  };
  const ids = new Map<string, string>();

  beforeAll(async () => {
    const owner = await createTestUser('shop_owner');
    for (const [key, input] of Object.entries(saturday)) ids.set((await createFixtureShop({ ...input, ownerId: owner.id })).shop.id, key);
  });
  afterAll(() => deleteFixtureShops([...ids.keys()]));

  // One mono page: 1 min of printing + 5 of handling.
  const run = (sort: TSearchSort) => searchShops(ZSearchShopsRequest.parse({ ...HERE, radiusKm: 2, colorMode: 'monochrome', pageCount: 1, sort }), { now: SATURDAY, currency: 'eur' });

  it('soonest is ordered by when the job is really ready, not by when work would start', async () => {
    const response = await run('soonest');
    expect(response.results.map((r) => [ids.get(r.shop.id), r.ready.readyAt, r.ready.isAfterClosing])).toEqual([
      ['openLate', '2025-06-14T16:06:00+01:00', false],
      ['sundayNoon', '2025-06-15T12:06:00+01:00', false],
      // Open now, but only 5 minutes before closing: the sixth minute waits until Monday.
      ['closingNow', '2025-06-16T09:01:00+01:00', true],
      ['weekdaysOnly', '2025-06-16T09:06:00+01:00', false],
    ]);
  });

  it('best value puts the shop that has it ready today above closed ones at the same price and distance', async () => {
    const response = await run('best_value');
    const order = response.results.map((r) => ids.get(r.shop.id));
    expect(order).toEqual(['openLate', 'sundayNoon', 'closingNow', 'weekdaysOnly']);
    const [open, , , closed] = response.results;
    expect(open.price.totalMinor).toBe(closed.price.totalMinor);
    expect(open.rank.distanceCostMinor).toBe(closed.rank.distanceCostMinor);
    // 6 minutes → 2 cents; Monday 09:06 is 41.1 hours away → 822 cents.
    expect([open.rank.waitCostMinor, closed.rank.waitCostMinor]).toEqual([2, 822]);
    expect(closed.rank.summary).toContain('+ €8.22 for waiting until Mon 09:06 (€0.20 per hour)');
  });
});
