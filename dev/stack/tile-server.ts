import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';

/** The colour every tile is painted, so a test can find tiles in a screenshot of the map. */
export const TILE_COLOR = { r: 46, g: 160, b: 67 };

export type TTileServer = { url: string; styleUrl: string; stop: () => Promise<void> };

/**
 * A tiny map tile server on loopback: a MapLibre style with one raster source, and 256 px
 * PNG tiles in one flat colour with a darker edge. It stands in for a real tile host (which
 * this machine cannot reach), so the e2e suite can check that MAP_STYLE_URL is honoured:
 * style fetched, tiles requested by maplibre's worker, drawn under the app's own layers.
 * GET /stats tells how many tiles were served.
 */
export async function startTileServer(options: { port: number; host?: string }): Promise<TTileServer> {
  const host = options.host ?? '127.0.0.1';
  const edge = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><rect x="0.5" y="0.5" width="255" height="255" fill="none" stroke="#1b5e20"/></svg>');
  const tile = await sharp({ create: { width: 256, height: 256, channels: 3, background: TILE_COLOR } })
    .composite([{ input: edge }])
    .png()
    .toBuffer();
  let tilesServed = 0;
  let origin = '';

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    // maplibre fetches from a web worker on the app's origin: the tiles are cross-origin.
    response.setHeader('access-control-allow-origin', '*');
    if (url.pathname === '/style.json') {
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({
          version: 8,
          name: 'Nearprint test tiles',
          sources: { test: { type: 'raster', tiles: [`${origin}/tiles/{z}/{x}/{y}.png`], tileSize: 256, maxzoom: 19, attribution: 'Test tiles' } },
          layers: [
            { id: 'background', type: 'background', paint: { 'background-color': '#ffffff' } },
            { id: 'tiles', type: 'raster', source: 'test' },
          ],
        }),
      );
      return;
    }
    if (/^\/tiles\/\d+\/\d+\/\d+\.png$/.test(url.pathname)) {
      tilesServed += 1;
      response.setHeader('content-type', 'image/png');
      response.end(tile);
      return;
    }
    if (url.pathname === '/stats') {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ tilesServed }));
      return;
    }
    response.statusCode = 404;
    response.end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, resolve);
  });
  origin = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    styleUrl: `${origin}/style.json`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
