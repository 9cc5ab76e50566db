import { expect, test, type Locator, type Page } from '@playwright/test';
import { makeSolidPagesPdf } from '@/lib/documents/fixtures/make-fixtures';
import { DEMO, signIn } from './fixtures/accounts';

/**
 * The customer's first screen against the seeded demo city (thirty Dublin shops with live
 * demo printers): pick a place (a town, a street, a shop, a postcode), describe a job, read the ranked list and
 * the map, change the order, filter to shops open now, and follow a shop to the order page.
 */

const results = (page: Page) => page.getByTestId('search-result');

function metres(text: string): number {
  const match = /([\d.]+)\s*(km|m)/.exec(text);
  if (!match) throw new Error(`Not a distance: ${text}`);
  return Number(match[1]) * (match[2] === 'km' ? 1000 : 1);
}

function cents(text: string): number {
  return Math.round(Number(text.replace(/[^\d.]/g, '')) * 100);
}

async function texts(list: Locator, testId: string): Promise<string[]> {
  return list.getByTestId(testId).allInnerTexts();
}

/** Waits for a change to reach the URL and the new results to be on screen. */
async function settled(page: Page, url: RegExp) {
  await expect(page).toHaveURL(url);
  await expect(page.getByTestId('results-updating')).toHaveCount(0);
}

test.describe('finding a shop', () => {
  test('pick a place, set a job, compare ranked shops in the list and on the map, re-sort and filter', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByTestId('default-location-notice')).toBeVisible();
    await expect(results(page).first()).toBeVisible();

    // Where: the gazetteer, offline.
    const place = page.getByRole('combobox', { name: 'Search a town, street, postcode or shop' });
    await place.fill('dubl');
    const dublin = page.getByRole('option', { name: /^Dublin, City · Ireland/ });
    // The first place search loads the gazetteer (135k places): slow on a busy machine.
    await expect(dublin).toBeVisible({ timeout: 30_000 });
    await dublin.click();
    await settled(page, /place=Dublin%2C\+Ireland/);
    await expect(page.getByTestId('search-location')).toContainText('Dublin, Ireland');
    await expect(page.getByTestId('default-location-notice')).toHaveCount(0);

    // What: 12 pages, 3 of them colour, 2 copies, stapled.
    const form = page.getByTestId('search-form');
    await form.getByLabel('Pages', { exact: true }).fill('12');
    await form.getByLabel('How many pages are in colour?').fill('3');
    await form.getByLabel('Copies').fill('2');
    await form.getByLabel('Finishing').selectOption('staple');
    await settled(page, /finishing=staple/);
    await expect(page).toHaveURL(/pageCount=12/);
    await expect(page).toHaveURL(/colorPageCount=3/);
    await expect(page).toHaveURL(/copies=2/);
    await expect(page.getByTestId('results-heading')).toContainText('12 pages, A4, 3 in colour, × 2 copies, stapled');

    // Ranked by best value, each with its reasons.
    const count = await results(page).count();
    expect(count).toBeGreaterThan(3);
    const positions = await results(page).evaluateAll((nodes) => nodes.map((n) => Number(n.getAttribute('data-position'))));
    expect(positions).toEqual(positions.map((_, i) => i + 1));
    const first = results(page).first();
    await expect(first.getByTestId('result-breakdown')).toContainText('9 black & white pages × 2 copies');
    await expect(first.getByTestId('result-breakdown')).toContainText('3 colour pages × 2 copies');
    await expect(first.getByTestId('result-breakdown')).toContainText('Staple × 2');
    await expect(first.getByTestId('result-why')).toContainText('per km');
    await expect(first.getByTestId('result-ready')).toContainText('Ready about');
    await expect(first.getByRole('link', { name: /Choose this shop/ })).toHaveAttribute(
      'href',
      /\/order\/new\?shopId=[0-9a-f-]{36}&media=iso_a4_210x297mm&colorMode=auto&sides=one-sided&copies=2&pagesPerSheet=1&finishing=staple&pageCount=12&colorPageCount=3/,
    );

    // The map shows you and every shop in the list, with no tile server.
    const map = page.getByRole('region', { name: /Map of the shops found/ });
    await expect(map.locator('.np-marker')).toHaveCount(count + 1);
    await expect(map.locator('.np-marker[data-marker-id="you"]')).toHaveCount(1);

    // Nearest first: distances only grow.
    await page.getByLabel('Sort by').selectOption('nearest');
    await settled(page, /sort=nearest/);
    const distances = (await texts(page.getByTestId('results-list'), 'result-distance')).map(metres);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));

    // Cheapest first: totals only grow.
    await page.getByLabel('Sort by').selectOption('cheapest');
    await settled(page, /sort=cheapest/);
    const totals = (await texts(page.getByTestId('results-list'), 'result-total')).map(cents);
    expect(totals).toEqual([...totals].sort((a, b) => a - b));

    // Back undoes the last change.
    await page.goBack();
    await expect(page).toHaveURL(/sort=nearest/);
    await expect(page.getByLabel('Sort by')).toHaveValue('nearest');

    // Open now: every shop left is open, or the page says none is and offers the way out.
    await form.getByLabel('Open now').check();
    await settled(page, /openNow=true/);
    const open = await texts(page.getByTestId('results-list'), 'result-open');
    if (open.length) for (const label of open) expect(label).toMatch(/^Open until/);
    else await expect(page.getByRole('button', { name: 'Show shops that open later' })).toBeVisible();
  });

  test('the map centres on you, draws the search radius, a scale bar and a legend, with no console errors', async ({ page }) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto('/?lat=53.34300&lng=-6.26000&radiusKm=2');
    const map = page.getByRole('region', { name: /Map of the shops found/ });
    await expect(map).toHaveAttribute('data-radius-km', '2');
    await expect(map.locator('.maplibregl-ctrl-scale')).toBeVisible();
    await expect(map.locator('.maplibregl-ctrl-scale')).toHaveText(/\d+\s(m|km)/);
    await expect(page.getByTestId('map-legend')).toContainText('Searching within 2 km');
    // Changing the radius redraws it.
    await page.getByTestId('search-form').getByLabel('Distance').selectOption('10');
    await settled(page, /radiusKm=10/);
    await expect(map).toHaveAttribute('data-radius-km', '10');
    // The worker loads (no "Worker failed to load"), and nothing else complains, not even a
    // missing favicon.
    await page.waitForTimeout(500);
    expect(errors).toEqual([]);
  });

  test('a click on the map searches around that point', async ({ page }) => {
    await page.goto('/');
    const map = page.getByRole('region', { name: /Map of the shops found/ });
    await expect(map.locator('.np-marker').first()).toBeVisible();
    const box = await map.boundingBox();
    if (!box) throw new Error('The map has no size');
    await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.7);
    await settled(page, /lat=[\d.-]+&lng=[\d.-]+/);
    // Named by the nearest place in the gazetteer (a Dublin district), not by its coordinates.
    await expect(page.getByTestId('search-location')).toContainText(/^Shops near \p{L}[\p{L} '’-]+$/u);
    await expect(page.getByTestId('search-location')).not.toContainText(/\d+\.\d{4}/);
  });

  test('a street, a shop’s name and a postcode each find the right shops, with no console errors', async ({ page }) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto('/');
    const place = page.getByRole('combobox', { name: 'Search a town, street, postcode or shop' });
    const names = page.getByTestId('results-list').getByTestId('result-name');

    // A street of a listed shop (demo: Grafton Copy Centre, 48 Grafton Street), misspelt.
    await place.fill('Grafon Street');
    const street = page.getByRole('option', { name: /^Grafton Street, Street in Dublin/ });
    // The first place search loads the gazetteer (135k places): slow on a busy machine.
    await expect(street).toBeVisible({ timeout: 30_000 });
    await expect(street).toHaveAttribute('data-place-kind', 'street');
    await street.click();
    await settled(page, /place=Grafton\+Street%2C\+Dublin/);
    await expect(page.getByTestId('search-location')).toContainText('Shops near Grafton Street, Dublin');
    await expect(names.filter({ hasText: 'Grafton Copy Centre' })).toHaveCount(1);

    // A shop by its name: the search centres on it, so it is as near as the list says anything is (10 m).
    await place.fill('Rathmines Print');
    const shop = page.getByRole('option', { name: /^Rathmines Print & Post, Print shop · 210 Rathmines Road Lower/ });
    await expect(shop).toBeVisible();
    await shop.click();
    await settled(page, /place=Rathmines\+Print/);
    const rathmines = page.getByTestId('search-result').filter({ has: page.getByTestId('result-name').filter({ hasText: 'Rathmines Print & Post' }) });
    await expect(rathmines.getByTestId('result-distance')).toHaveText('10 m');
    await expect(rathmines).toHaveAttribute('data-selected', 'true');

    // A postcode, typed without its space (demo: Trinity Reprographics, D02 VR66).
    await place.fill('d02vr66');
    const postcode = page.getByRole('option', { name: /^D02 VR66, Postcode · 3 Pearse Street/ });
    await expect(postcode).toBeVisible();
    await postcode.click();
    await settled(page, /place=D02\+VR66/);
    await expect(names.filter({ hasText: 'Trinity Reprographics' })).toHaveCount(1);

    // Nothing found says so in words that fit what can be typed.
    await place.fill('qqxxzz');
    await expect(page.getByText('Nothing found for “qqxxzz”')).toBeVisible();
    await page.waitForTimeout(300);
    expect(errors).toEqual([]);
  });

  test('an empty search says why and offers the next step', async ({ page }) => {
    // US Legal is only sold by a few shops, none of them within 1 km of this corner of Dublin.
    await page.goto('/?lat=53.3700&lng=-6.3200&radiusKm=1&media=na_legal_8.5x14in');
    await expect(page.getByTestId('results-heading')).toContainText('No shop within 1 km can print US Legal black & white');
    const widen = page.getByRole('button', { name: /Search within \d+ km/ });
    await widen.click();
    await settled(page, /radiusKm=\d+/);
    await expect(results(page).first()).toBeVisible();
  });

  test('nonsense in the URL gets field messages, not an error page', async ({ page }) => {
    await page.goto('/?copies=abc&radiusKm=-3&lat=200&lng=0');
    await expect(page.locator('[data-field-error="copies"]')).toContainText('must be a number');
    await expect(page.locator('[data-field-error="radiusKm"]')).toContainText('more than 0 km');
    await expect(page.locator('[data-field-error="lat"]')).toContainText('between -90 and 90');
    await expect(results(page)).toHaveCount(0);
  });

  test('a signed-in customer gets the same search under their own greeting', async ({ page }) => {
    await signIn(page, DEMO.customer);
    await expect(page.getByTestId('customer-home')).toContainText('Hi Cian');
    await expect(results(page).first()).toBeVisible();
  });
});

test.describe('choosing a shop', () => {
  test('Choose this shop carries exactly the job on screen, also when clicked while results update', async ({ page }) => {
    await signIn(page, DEMO.customer);
    await page.goto('/?lat=53.34300&lng=-6.26000');
    const black = [0, 0, 0] as [number, number, number];
    await page.getByLabel('Choose files to print').setInputFiles([
      { name: 'first.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await makeSolidPagesPdf([black, black, black])) },
      { name: 'second.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await makeSolidPagesPdf([black, [0.85, 0.1, 0.1]])) },
    ]);
    const row = (name: string) => page.getByTestId('document-row').filter({ hasText: name });
    await expect(row('first.pdf').getByTestId('document-status')).toHaveText(/^3 pages/, { timeout: 30_000 });
    await expect(row('second.pdf').getByTestId('document-status')).toHaveText('2 pages, 1 in colour', { timeout: 30_000 });
    await settled(page, /documents=[0-9a-f-]{36}%2C[0-9a-f-]{36}/);
    await expect(
      results(page)
        .first()
        .getByRole('link', { name: /Choose this shop/ }),
    ).toHaveAttribute('href', /pageCount=5&colorPageCount=1/);

    // Hold every page update until the test lets it through, so the click lands mid-update.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(
      (url) => url.searchParams.has('_rsc'),
      async (route) => {
        await held;
        await route.continue();
      },
    );
    // Remember what the clicked card said, across the navigation.
    await page.evaluate(() =>
      document.addEventListener(
        'click',
        (event) => {
          const card = (event.target as Element).closest('[data-testid="search-result"]');
          if (!card) return;
          sessionStorage.setItem('clicked', JSON.stringify({ shopId: card.getAttribute('data-shop-id'), total: card.querySelector('[data-testid="result-total"]')?.textContent }));
        },
        true,
      ),
    );

    const form = page.getByTestId('search-form');
    await form.getByLabel('Copies').fill('2');
    await form.getByLabel('Sides').selectOption('two-sided-long-edge');
    const choose = results(page).first().getByTestId('choose-shop');
    await expect(choose).toBeDisabled();
    await expect(page.getByTestId('results-updating')).toBeVisible();
    // The click waits for the update: Playwright clicks as soon as the button can be clicked.
    const clicking = choose.click();
    await expect(choose).toBeDisabled();
    expect(page.url()).not.toMatch(/copies=2/);
    release();
    await clicking;

    await expect(page).toHaveURL(/\/order\/new\?/);
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ copies: '2', sides: 'two-sided-long-edge', pageCount: '5', colorPageCount: '1' });
    const clicked = JSON.parse((await page.evaluate(() => sessionStorage.getItem('clicked'))) ?? 'null') as { shopId: string; total: string };
    expect(url.searchParams.get('shopId')).toBe(clicked.shopId);
    await expect(page.getByTestId('document-row')).toHaveCount(2);
    await expect(page.getByLabel('Copies')).toHaveValue('2');
    await expect(page.getByLabel('Sides')).toHaveValue('two-sided-long-edge');
    await expect(page.getByTestId('quote-total')).toHaveText(clicked.total, { timeout: 20_000 });

    // The search kept the new job: back on it, the URL and the form say 2 copies, two-sided.
    await page.goBack();
    await expect(page).toHaveURL(/copies=2/);
    await expect(page).toHaveURL(/sides=two-sided-long-edge/);
    await expect(page.getByTestId('search-form').getByLabel('Copies')).toHaveValue('2');
  });
});

test.describe('GET /api/shops/search and /api/places', () => {
  test('answer JSON, and 400 with field errors for bad input', async ({ request }) => {
    const ok = await request.get('/api/shops/search?lat=53.3498&lng=-6.2603&pageCount=4&sort=nearest');
    expect(ok.status()).toBe(200);
    const body = await ok.json();
    expect(body.total).toBeGreaterThan(0);
    expect(body.results[0]).toMatchObject({ shop: { name: expect.any(String) }, price: { totalMinor: expect.any(Number) }, rank: { position: 1, sort: 'nearest' } });

    for (const [query, field] of [
      ['lat=200&lng=0', 'lat'],
      ['lat=0&lng=0&radiusKm=-5', 'radiusKm'],
      ['lat=0&lng=0&media=papyrus', 'media'],
      ['lat=0&lng=0&copies=1000000000', 'copies'],
      ['', 'lat'],
      ['lat=%F0%9F%92%A9&lng=;DROP TABLE shops', 'lng'],
    ]) {
      const bad = await request.get(`/api/shops/search?${query}`);
      expect(bad.status(), query).toBe(400);
      expect((await bad.json()).error.fieldErrors[field], query).toBeTruthy();
    }

    const places = await request.get('/api/places?q=dub&lat=53.35&lng=-6.26');
    expect(places.status()).toBe(200);
    expect((await places.json()).places[0]).toMatchObject({ kind: 'town', name: 'Dublin', label: 'Dublin, Ireland' });
    expect((await request.get('/api/places?q=')).status()).toBe(400);
  });
});
