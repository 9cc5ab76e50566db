import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDb } from '@/db/client';
import { createTestShop, createTestUser } from '@/dev/test-support/fixtures';
import { deleteFixtureShops } from '@/lib/search/testing/create-fixture-shop';
import { startGeocoderStandIn } from '@/lib/search/testing/geocoder-stand-in';

// The route's helpers are marked server-only; vitest is not a React server.
vi.mock('server-only', () => ({}));

const { GET } = await import('./route');

const get = (query: string) => GET(new Request(`http://127.0.0.1/api/places?${query}`));

let shopId: string;
let geocoder: Awaited<ReturnType<typeof startGeocoderStandIn>>;

beforeAll(async () => {
  geocoder = await startGeocoderStandIn();
  const owner = await createTestUser('shop_owner');
  shopId = (await createTestShop({ ownerId: owner.id, name: 'Route Wrenfield Copies', addressLine: '12 Wrenfield Parade', postcode: 'W77 RT12', lat: -45, lng: 170 })).id;
});

afterEach(() => {
  delete process.env.GEOCODER_URL;
  delete process.env.GEOCODER_TIMEOUT_MS;
});

afterAll(async () => {
  await deleteFixtureShops([shopId]);
  await geocoder.stop();
  await closeDb();
});

describe('GET /api/places', () => {
  it('autocompletes from the offline gazetteer, nearest big city first', async () => {
    const response = await get('q=dub&lat=53.35&lng=-6.26&limit=3');
    expect(response.status).toBe(200);
    const { places, widerSearch } = await response.json();
    expect(widerSearch).toBe('off');
    expect(places).toHaveLength(3);
    expect(places[0]).toMatchObject({ kind: 'town', name: 'Dublin', label: 'Dublin, Ireland', detail: 'City · Ireland', source: 'gazetteer' });
    expect(places[0].lat).toBeCloseTo(53.33, 1);
  });

  it('finds a listed shop by its street, its name and its postcode', async () => {
    for (const [q, kind, name] of [
      ['Wrenfield Parade', 'street', 'Wrenfield Parade'],
      ['Route Wrenfield', 'shop', 'Route Wrenfield Copies'],
      ['W77RT12', 'postcode', 'W77 RT12'],
      ['Wrenfeld Parad', 'street', 'Wrenfield Parade'],
    ]) {
      const response = await get(new URLSearchParams({ q, lat: '-45', lng: '170' }).toString());
      expect(response.status, q).toBe(200);
      expect((await response.json()).places[0], q).toMatchObject({ kind, name, lat: -45, lng: 170 });
    }
  });

  it('says when the geocoder is down, and does not let the answer be cached', async () => {
    process.env.GEOCODER_URL = geocoder.url;
    process.env.GEOCODER_TIMEOUT_MS = '300';
    geocoder.behave('hang');
    const response = await get('q=Wrenfield+Parade&lat=-45&lng=170');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await response.json();
    expect(body.widerSearch).toBe('unavailable');
    expect(body.places[0]).toMatchObject({ name: 'Wrenfield Parade' });

    geocoder.behave('photon');
    const answered = await (await get('q=Wrenfield&lat=-45&lng=170')).json();
    expect(answered.widerSearch).toBe('ok');
    expect(answered.places.map((p: { source: string }) => p.source)).toContain('geocoder');
  });

  it('refuses an empty or absurd query with 400 and field errors', async () => {
    for (const [query, field] of [
      ['q=', 'q'],
      ['', 'q'],
      [`q=${'x'.repeat(101)}`, 'q'],
      ['q=dub&limit=500', 'limit'],
      ['q=dub&lat=95&lng=0', 'lat'],
      ['q=dub&lat=53', 'lng'],
      ['q=dub&lat=abc&lng=0', 'lat'],
    ]) {
      const response = await get(query);
      expect(response.status, query).toBe(400);
      expect((await response.json()).error.fieldErrors[field], query).toBeTruthy();
    }
  });

  it('answers hostile text with 200 and no match, never 500', async () => {
    for (const q of ["'; DROP TABLE shops; --", '%%%___', '\\\\', '🙂🙂🙂', 'a'.repeat(100)]) {
      const response = await get(new URLSearchParams({ q }).toString());
      expect(response.status, q).toBe(200);
    }
  });
});
