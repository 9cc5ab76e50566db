import { describe, expect, it } from 'vitest';
import { parseGeoUri } from '@/lib/ipp/parse-geo-uri';

describe('parseGeoUri (RFC 5870)', () => {
  it.each([
    ['geo:48.8566,2.3522', { lat: 48.8566, lon: 2.3522 }],
    ['geo:-33.8688,151.2093,58', { lat: -33.8688, lon: 151.2093 }],
    ['GEO:51.5,-0.12;u=35', { lat: 51.5, lon: -0.12 }],
    ['geo:40,-74;crs=wgs84;u=10', { lat: 40, lon: -74 }],
    ['  geo:0,0  ', { lat: 0, lon: 0 }],
  ])('%s', (value, expected) => {
    expect(parseGeoUri(value)).toEqual(expected);
  });

  it.each([null, undefined, '', 'unknown', 'geo:48.8566', 'geo:91,0', 'geo:0,181', 'geo:48.8566;2.3522', 'geo:1,2;crs=epsg:27700', 'http://example.com/geo:1,2', 'geo:1e3,2'])(
    '%s is not a usable location',
    (value) => {
      expect(parseGeoUri(value)).toBeNull();
    },
  );
});
