import { describe, expect, it, vi } from 'vitest';

// The route's helpers are marked server-only; vitest is not a React server.
vi.mock('server-only', () => ({}));

const { GET } = await import('./route');

const get = (query: string) => GET(new Request(`http://127.0.0.1/api/places?${query}`));

describe('GET /api/places', () => {
  it('autocompletes from the offline gazetteer, nearest big city first', async () => {
    const response = await get('q=dub&lat=53.35&lng=-6.26&limit=3');
    expect(response.status).toBe(200);
    const { places } = await response.json();
    expect(places).toHaveLength(3);
    expect(places[0]).toMatchObject({ name: 'Dublin', country: 'IE', countryName: 'Ireland', label: 'Dublin, Ireland' });
    expect(places[0].lat).toBeCloseTo(53.33, 1);
  });

  it('refuses an empty or absurd query with 400 and field errors', async () => {
    for (const [query, field] of [
      ['q=', 'q'],
      ['', 'q'],
      [`q=${'x'.repeat(101)}`, 'q'],
      ['q=dub&limit=500', 'limit'],
      ['q=dub&lat=95&lng=0', 'lat'],
      ['q=dub&lat=53', 'lng'],
    ]) {
      const response = await get(query);
      expect(response.status, query).toBe(400);
      expect((await response.json()).error.fieldErrors[field], query).toBeTruthy();
    }
  });
});
