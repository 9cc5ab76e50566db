import { describe, expect, it } from 'vitest';
import { ConfigError } from './parse-env';
import { geocoderSettings } from './geocoder-settings';

describe('geocoderSettings', () => {
  it('is off unless GEOCODER_URL is set', () => {
    expect(geocoderSettings({})).toBeNull();
    expect(geocoderSettings({ GEOCODER_URL: '' })).toBeNull();
  });

  it('defaults to Photon with a 1.5 s timeout', () => {
    expect(geocoderSettings({ GEOCODER_URL: 'https://photon.example/api' })).toEqual({ url: 'https://photon.example/api', kind: 'photon', timeoutMs: 1500 });
    expect(geocoderSettings({ GEOCODER_URL: 'http://127.0.0.1:8080/search', GEOCODER_KIND: 'nominatim', GEOCODER_TIMEOUT_MS: '800' })).toEqual({
      url: 'http://127.0.0.1:8080/search',
      kind: 'nominatim',
      timeoutMs: 800,
    });
  });

  it('names each bad variable', () => {
    expect(() => geocoderSettings({ GEOCODER_URL: 'ftp://example.org' })).toThrow(/GEOCODER_URL/);
    expect(() => geocoderSettings({ GEOCODER_URL: 'https://x.example/api', GEOCODER_KIND: 'google' })).toThrow(/GEOCODER_KIND/);
    expect(() => geocoderSettings({ GEOCODER_URL: 'https://x.example/api', GEOCODER_TIMEOUT_MS: '60000' })).toThrow(ConfigError);
  });
});
