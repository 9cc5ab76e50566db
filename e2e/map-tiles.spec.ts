import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { TILE_COLOR } from '@/dev/stack/tile-server';
import { E2E_TILE_SERVER_URL, E2E_TILES_BASE_URL } from '../playwright.config';

/**
 * With MAP_STYLE_URL set, maps draw real tiles: the e2e stack serves the app a second time
 * (dev/run.ts --e2e) with a style from a loopback tile server, and the search map and a shop's
 * page must fetch that style, have maplibre's worker request tiles, and paint them under the
 * search radius and markers, within the Content-Security-Policy and with no console errors.
 */

async function tilesServed(): Promise<number> {
  const response = await fetch(`${E2E_TILE_SERVER_URL}/stats`);
  return ((await response.json()) as { tilesServed: number }).tilesServed;
}

/** Share of the element's pixels that are the tile colour (tiles show through the radius tint too, slightly shifted). */
async function tileColouredShare(png: Buffer): Promise<number> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let matching = 0;
  for (let i = 0; i < data.length; i += info.channels) {
    if (Math.abs(data[i] - TILE_COLOR.r) < 30 && Math.abs(data[i + 1] - TILE_COLOR.g) < 30 && Math.abs(data[i + 2] - TILE_COLOR.b) < 30) matching += 1;
  }
  return matching / (info.width * info.height);
}

test('the search map loads the configured style and draws its tiles', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  const before = await tilesServed();
  const styleRequest = page.waitForRequest(`${E2E_TILE_SERVER_URL}/style.json`);

  await page.goto(`${E2E_TILES_BASE_URL}/?lat=53.34300&lng=-6.26000&radiusKm=2`);
  await styleRequest;
  const map = page.getByRole('region', { name: /Map of the shops found/ });
  await expect(map.locator('.np-marker').first()).toBeVisible();
  await expect(map).toHaveAttribute('data-radius-km', '2');
  await expect.poll(tilesServed, { message: 'maplibre requested tiles from the tile server' }).toBeGreaterThan(before);
  await expect(map.locator('.maplibregl-ctrl-attrib')).toContainText('Test tiles');

  // The canvas shows the tiles: most of the map is the tile colour (markers, radius edge and
  // controls cover the rest). The plain offline background (#e8eef5) would give none.
  const canvas = map.locator('canvas.maplibregl-canvas');
  await expect.poll(async () => tileColouredShare(await canvas.screenshot()), { timeout: 15_000 }).toBeGreaterThan(0.5);
  expect(errors).toEqual([]);
});

test('without MAP_STYLE_URL the same map draws on the plain background and fetches no tiles', async ({ page }) => {
  const before = await tilesServed();
  await page.goto('/?lat=53.34300&lng=-6.26000&radiusKm=2');
  const map = page.getByRole('region', { name: /Map of the shops found/ });
  await expect(map.locator('.np-marker').first()).toBeVisible();
  const canvas = map.locator('canvas.maplibregl-canvas');
  await expect(canvas).toBeVisible();
  expect(await tileColouredShare(await canvas.screenshot())).toBeLessThan(0.01);
  expect(await tilesServed()).toBe(before);
});
