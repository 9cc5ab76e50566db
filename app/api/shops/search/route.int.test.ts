import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDb } from '@/db/client';
import { createTestUser } from '@/dev/test-support/fixtures';
import { createFixtureShop, deleteFixtureShops } from '@/lib/search/testing/create-fixture-shop';

// The route's helpers are marked server-only; vitest is not a React server.
vi.mock('server-only', () => ({}));

const { GET } = await import('./route');

const get = (query: string) => GET(new Request(`http://127.0.0.1/api/shops/search?${query}`));

let shopId: string;

beforeAll(async () => {
  const owner = await createTestUser('shop_owner');
  const fixture = await createFixtureShop({
    ownerId: owner.id,
    name: 'Route test copies',
    lat: -45,
    lng: 170,
    timezone: 'Pacific/Auckland',
    prices: [{ media: 'iso_a4_210x297mm', colorMode: 'monochrome', sides: 'one-sided', pricePerPageMinor: 12 }],
    hours: [1, 2, 3, 4, 5, 6, 7].map((d): [number, string, string] => [d, '00:00', '24:00']),
    printers: [{ isColor: false, isDuplex: false, media: ['iso_a4_210x297mm'], pagesPerMinute: 20 }],
  });
  shopId = fixture.shop.id;
});

afterAll(async () => {
  await deleteFixtureShops([shopId]);
  await closeDb();
});

describe('GET /api/shops/search', () => {
  it('answers a search with ranked, priced shops', async () => {
    const response = await get('lat=-45&lng=170&radiusKm=1&pageCount=5&colorMode=monochrome');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await response.json();
    expect(body).toMatchObject({ total: 1, page: 1, pageSize: 20, impressions: { monoImpressions: 5, colorImpressions: 0, sheets: 5 } });
    expect(body.results[0]).toMatchObject({ shop: { id: shopId, timezone: 'Pacific/Auckland' }, price: { totalMinor: 60 }, hours: { isOpen: true }, rank: { position: 1, sort: 'best_value' } });
  });

  it.each([
    ['latitude 200', 'lat=200&lng=170', { lat: ['The latitude must be between -90 and 90'] }],
    ['a negative radius', 'lat=-45&lng=170&radiusKm=-2', { radiusKm: ['The radius must be more than 0 km'] }],
    ['an unknown paper size', 'lat=-45&lng=170&media=iso_a0_841x1189mm', { media: ['Unknown paper size'] }],
    ['a billion copies', 'lat=-45&lng=170&copies=1000000000', { copies: ['At most 999 copies'] }],
    ['missing parameters', '', { lat: ['Give the latitude of where to search'], lng: ['Give the longitude of where to search'] }],
    ['more colour pages than pages', 'lat=-45&lng=170&pageCount=2&colorPageCount=3', { colorPageCount: ['More colour pages than pages in the document'] }],
  ])('refuses %s with 400 and a message for the field', async (_name, query, fieldErrors) => {
    const response = await get(query);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: 'bad_request', message: 'Some fields are invalid.', fieldErrors } });
  });

  it('refuses garbage with 400, never 500', async () => {
    for (const query of [
      'lat=abc&lng=def',
      'lat=1e999&lng=0',
      'lat=NaN&lng=Infinity',
      'lat=1&lat=2&lng=3',
      'lat=0&lng=0&sort=%00%FF',
      'lat=0&lng=0&page=99999999999',
      'lat=0&lng=0&offers=staple,glue',
      'lat=0&lng=0&openNow=perhaps',
      '%%%',
      'lat=0x10&lng=0b1&copies=1e3',
    ]) {
      const response = await get(query);
      expect(response.status, query).toBe(400);
      expect(Object.keys((await response.json()).error.fieldErrors).length, query).toBeGreaterThan(0);
    }
  });
});
