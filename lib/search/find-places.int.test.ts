import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb } from '@/db/client';
import { createTestShop, createTestUser } from '@/dev/test-support/fixtures';
import type { TGeocoderSettings } from '@/lib/config/geocoder-settings';
import { findPlaces } from './find-places';
import { loadGazetteer, type TGazetteer } from './load-gazetteer';
import { ZSearchPlacesRequest } from './search-places';
import { searchShopPlaces } from './search-shop-places';
import { deleteFixtureShops } from './testing/create-fixture-shop';
import { startGeocoderStandIn } from './testing/geocoder-stand-in';

/**
 * The one place search on a real database (PostgreSQL+PostGIS or PGlite, pg_trgm on both):
 * listed shops' names, streets and postcodes, misspelt too, merged with the gazetteer, and a
 * loopback geocoder that answers or fails. The shops sit in the South Atlantic with invented
 * names, so no other test's shops match.
 */
const HERE = { lat: -31.5, lng: -21.5 };
let gazetteer: TGazetteer;
let geocoder: Awaited<ReturnType<typeof startGeocoderStandIn>>;
const shopIds: string[] = [];
let quillfeather: string;

beforeAll(async () => {
  gazetteer = await loadGazetteer();
  geocoder = await startGeocoderStandIn();
  const owner = await createTestUser('shop_owner');
  const shop = (name: string, addressLine: string, postcode: string, lat: number, lng: number, status: 'active' | 'suspended' | 'pending_review' = 'active') =>
    createTestShop({ ownerId: owner.id, name, addressLine, postcode, city: 'Testville', country: 'IE', lat, lng, status });
  const made = await Promise.all([
    shop('Quillfeather Copy Bureau', '48 Zennorvale Street', 'Q12 XK66', -31.5, -21.5),
    shop('Marrowgate Prints', '7 Zennorvale Street', 'Q12 AB12', -31.502, -21.5),
    shop('Blackthorn Imaging', '3 Oystercatcher Lane', 'Q14 ZZ99', -31.51, -21.49),
    shop('Kestrel Print', '5 Grafton Row', 'Q15 KP55', -31.52, -21.5),
    // Customers never see these, so place search must not either.
    shop('Zennorvale Hidden Prints', '9 Zennorvale Street', 'Q12 HH00', -31.503, -21.5, 'suspended'),
    shop('Quillfeather Pending', '1 Pendleworth Row', 'Q19 PP01', -31.504, -21.5, 'pending_review'),
  ]);
  shopIds.push(...made.map((s) => s.id));
  quillfeather = made[0].id;
});

afterAll(async () => {
  await deleteFixtureShops(shopIds);
  await geocoder.stop();
  await closeDb();
});

const request = (q: string, near = HERE) => ZSearchPlacesRequest.parse({ q, lat: String(near.lat), lng: String(near.lng) });
const find = (q: string, settings: TGeocoderSettings | null = null, near = HERE) => findPlaces(request(q, near), { gazetteer, geocoder: settings });

describe('searchShopPlaces', () => {
  it('finds a street once, centred between its listed shops, and not the suspended one', async () => {
    const places = await searchShopPlaces('Zennorvale Street', { near: HERE, limit: 10 });
    const streets = places.filter((p) => p.kind === 'street');
    expect(streets).toHaveLength(1);
    expect(streets[0]).toMatchObject({ name: 'Zennorvale Street', label: 'Zennorvale Street, Testville', detail: 'Street in Testville · 2 listed shops', source: 'shops' });
    expect(streets[0].lat).toBeCloseTo(-31.501, 5);
    expect(JSON.stringify(places)).not.toContain('Hidden');
  });

  it('finds a shop by its name, with its address on the second line', async () => {
    const [first] = await searchShopPlaces('Quillfeather', { near: HERE, limit: 10 });
    expect(first).toMatchObject({
      kind: 'shop',
      name: 'Quillfeather Copy Bureau',
      detail: 'Print shop · 48 Zennorvale Street, Testville Q12 XK66',
      label: 'Quillfeather Copy Bureau, 48 Zennorvale Street, Testville',
      shopId: quillfeather,
      lat: -31.5,
      lng: -21.5,
    });
    // The pending shop has the same word in its name but is not listed yet.
    expect((await searchShopPlaces('Quillfeather', { near: HERE, limit: 10 })).map((p) => p.name)).not.toContain('Quillfeather Pending');
  });

  it('finds a postcode typed with or without its space, in any case', async () => {
    for (const typed of ['Q12 XK66', 'q12xk66', 'q12 xk6']) {
      const [first] = await searchShopPlaces(typed, { near: HERE, limit: 10 });
      expect(first, typed).toMatchObject({ kind: 'postcode', name: 'Q12 XK66', label: 'Q12 XK66, Testville', detail: 'Postcode · 48 Zennorvale Street, Testville (Quillfeather Copy Bureau)' });
    }
  });

  it('forgives a misspelling', async () => {
    expect((await searchShopPlaces('Zenorvale Stret', { near: HERE, limit: 10 }))[0]).toMatchObject({ kind: 'street', name: 'Zennorvale Street' });
    expect((await searchShopPlaces('Quilfeather', { near: HERE, limit: 10 }))[0]).toMatchObject({ kind: 'shop', name: 'Quillfeather Copy Bureau' });
    expect((await searchShopPlaces('Oystercatchr Lane', { near: HERE, limit: 10 }))[0]).toMatchObject({ kind: 'street', name: 'Oystercatcher Lane' });
  });

  it('forgives misspellings near the map, and wants near-exact words further away', async () => {
    const dublin = { lat: 53.35, lng: -6.26 };
    expect((await searchShopPlaces('Quilfether', { near: HERE, limit: 10 }))[0]).toMatchObject({ kind: 'shop', name: 'Quillfeather Copy Bureau' });
    expect((await searchShopPlaces('Quilfether', { near: dublin, limit: 10 })).map((p) => p.name)).not.toContain('Quillfeather Copy Bureau');
    const far = await searchShopPlaces('Quillfeather Copy Bureau', { near: dublin, limit: 10 });
    expect(far[0]).toMatchObject({ kind: 'shop', shopId: quillfeather });
    expect(far[0].distanceM).toBeGreaterThan(5_000_000);
    // Without a map position only the near-exact search runs.
    expect((await searchShopPlaces('Oystercatcher Lane', { limit: 10 }))[0]).toMatchObject({ kind: 'street', name: 'Oystercatcher Lane', distanceM: null });
  });

  it('asks nothing for text too short to match, and finds nothing for nonsense', async () => {
    expect(await searchShopPlaces('zn', { limit: 10 })).toEqual([]);
    expect(await searchShopPlaces("'; DROP TABLE shops; --", { limit: 10 })).toEqual([]);
    expect(await searchShopPlaces('xqzvwk', { limit: 10 })).toEqual([]);
  });
});

describe('findPlaces', () => {
  it('answers towns and shops together, offline, when no geocoder is set up', async () => {
    const answer = await find('Quillfeather');
    expect(answer.widerSearch).toBe('off');
    expect(answer.places[0]).toMatchObject({ kind: 'shop', shopId: quillfeather });
    const dublin = await find('Dubln', null, { lat: 53.35, lng: -6.26 });
    expect(dublin.places[0]).toMatchObject({ kind: 'town', name: 'Dublin', label: 'Dublin, Ireland', detail: 'City · Ireland' });
  });

  it('puts a nearby street before a far-away town of the same name', async () => {
    const answer = await find('Grafton');
    expect(answer.places[0]).toMatchObject({ kind: 'street', name: 'Grafton Row', label: 'Grafton Row, Testville' });
    // Grafton, Australia and the Graftons of the United States are still there, after it.
    expect(answer.places.slice(1).some((p) => p.kind === 'town' && p.name === 'Grafton')).toBe(true);
  });

  it('adds the geocoder’s places after the local ones, skipping malformed features', async () => {
    geocoder.behave('photon');
    geocoder.asked.length = 0;
    const answer = await find('Zennorvale', { url: geocoder.url, kind: 'photon', timeoutMs: 2000 });
    expect(answer.widerSearch).toBe('ok');
    expect(answer.places.map((p) => p.source)).toEqual(['shops', 'geocoder', 'geocoder']);
    expect(answer.places[1]).toMatchObject({
      kind: 'place',
      name: 'Trinity College Dublin',
      detail: 'University · Dublin, Ireland',
      label: 'Trinity College Dublin, Dublin',
      lat: 53.3438,
      lng: -6.2546,
    });
    expect(answer.places[2]).toMatchObject({ name: '48 Grafton Street', detail: 'House · Dublin, Ireland' });
    expect(Object.fromEntries(geocoder.asked[0])).toMatchObject({ q: 'Zennorvale', lat: '-31.50000', lon: '-21.50000', limit: '8' });
  });

  it('reads a Nominatim answer', async () => {
    geocoder.behave('nominatim');
    const answer = await find('Trinty College', { url: geocoder.url, kind: 'nominatim', timeoutMs: 2000 });
    expect(answer.widerSearch).toBe('ok');
    expect(answer.places).toEqual([expect.objectContaining({ name: 'Trinity College Dublin', detail: 'Amenity · College Green, Dublin 2, Ireland', lat: 53.3438, lng: -6.2546 })]);
  });

  it.each(['hang', 'error', 'not-json', 'wrong-shape'] as const)('still answers from local data when the geocoder %s', async (behaviour) => {
    geocoder.behave(behaviour);
    const started = Date.now();
    const answer = await find('Zennorvale Street', { url: geocoder.url, kind: 'photon', timeoutMs: 300 });
    expect(answer.widerSearch).toBe('unavailable');
    expect(answer.places[0]).toMatchObject({ kind: 'street', name: 'Zennorvale Street', source: 'shops' });
    // Bounded by the timeout, not by the hang (generous for a loaded machine).
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('says the wider search is unavailable when the geocoder is not listening at all', async () => {
    const answer = await find('Quillfeather', { url: 'http://127.0.0.1:9/api', kind: 'photon', timeoutMs: 300 });
    expect(answer).toMatchObject({ widerSearch: 'unavailable', places: [expect.objectContaining({ shopId: quillfeather })] });
  });
});
