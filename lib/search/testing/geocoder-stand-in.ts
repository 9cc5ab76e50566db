import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type TStandInBehaviour = 'photon' | 'nominatim' | 'hang' | 'error' | 'not-json' | 'wrong-shape';

/**
 * A geocoder on loopback for tests, never the real network: answers like Photon or Nominatim,
 * or fails in the ways a real one does (hangs, 500, HTML, JSON of another shape). Records the
 * query strings it was asked.
 */
export async function startGeocoderStandIn(): Promise<{ url: string; behave: (next: TStandInBehaviour) => void; asked: URLSearchParams[]; stop: () => Promise<void> }> {
  let behaviour: TStandInBehaviour = 'photon';
  const asked: URLSearchParams[] = [];
  const server = http.createServer((request, response) => {
    const query = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams;
    asked.push(query);
    const json = (body: unknown) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    switch (behaviour) {
      case 'hang':
        return; // never answers; the client's timeout must end it
      case 'error':
        return response.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
      case 'not-json':
        return response.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Gateway timeout</body></html>');
      case 'wrong-shape':
        return json({ results: 'nothing here' });
      case 'nominatim':
        return json([
          {
            place_id: 1,
            lat: '53.3438',
            lon: '-6.2546',
            display_name: 'Trinity College Dublin, College Green, Dublin 2, Ireland',
            name: 'Trinity College Dublin',
            type: 'university',
            addresstype: 'amenity',
          },
          { lat: 'not a number', lon: '0', display_name: 'Broken' },
        ]);
      case 'photon':
        return json({
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              geometry: { type: 'Point', coordinates: [-6.2546, 53.3438] },
              properties: { name: 'Trinity College Dublin', osm_key: 'amenity', osm_value: 'university', city: 'Dublin', country: 'Ireland', type: 'house' },
            },
            {
              type: 'Feature',
              geometry: { type: 'Point', coordinates: [-6.2603, 53.3413] },
              properties: { street: 'Grafton Street', housenumber: '48', city: 'Dublin', country: 'Ireland', type: 'house' },
            },
            // Malformed features are skipped, not fatal.
            { type: 'Feature', geometry: { type: 'Point', coordinates: [500, 0] }, properties: { name: 'Off the globe' } },
            { type: 'Feature', properties: { name: 'No geometry' } },
          ],
        });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api`,
    behave: (next) => {
      behaviour = next;
    },
    asked,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
