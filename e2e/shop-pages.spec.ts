import { expect, test } from '@playwright/test';
import { DEMO, signIn } from './fixtures/accounts';

/**
 * A shop's public page, reached from a search result, and the warning before paying at a shop
 * that is closed: the demo owner closes their shop for today with a dated exception, and the
 * customer's order page says so and when it reopens.
 */

const LIFFEY = 'Liffey Print Hub';

async function shopIdByName(page: import('@playwright/test').Page, name: string): Promise<string> {
  const response = await page.request.get('/api/shops/search?lat=53.3467&lng=-6.2593&radiusKm=3&pageSize=50&sort=nearest');
  const body = (await response.json()) as { results: { shop: { id: string; name: string } }[] };
  const found = body.results.find((r) => r.shop.name === name);
  if (!found) throw new Error(`${name} is not in the demo search`);
  return found.shop.id;
}

test('a result links to the shop’s page: contact, hours, directions, printers and prices', async ({ page }) => {
  await page.goto('/?lat=53.34670&lng=-6.25930&sort=nearest');
  const card = page.getByTestId('search-result').filter({ hasText: LIFFEY });
  await card.getByRole('link', { name: LIFFEY, exact: true }).click();
  await expect(page).toHaveURL(/\/shops\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LIFFEY);
  await expect(page.getByTestId('shop-address')).toContainText('12 Aston Quay');
  await expect(page.getByTestId('shop-open-state')).toHaveText(/^(Open now · until|Closed now · opens) /);
  await expect(page.getByTestId('shop-hours').getByRole('row')).toHaveCount(7);
  await expect(page.getByTestId('shop-contact').getByRole('link', { name: /^\+353/ })).toHaveAttribute('href', /^tel:\+3531/);
  await expect(page.getByTestId('shop-contact').getByRole('link', { name: /@/ })).toHaveAttribute('href', /^mailto:/);
  await expect(page.getByRole('link', { name: 'Directions on OpenStreetMap' })).toHaveAttribute('href', /^https:\/\/www\.openstreetmap\.org\/directions\?route=%3B53\.3467/);
  await expect(page.getByRole('link', { name: 'Open in your maps app' })).toHaveAttribute('href', /^geo:53\.346700,-6\.259300\?q=.*\(Liffey%20Print%20Hub\)$/);
  await expect(page.getByTestId('shop-prices').getByRole('row')).not.toHaveCount(1);
  await expect(page.getByTestId('shop-prices')).toContainText('A4');
  await expect(page.getByTestId('shop-capabilities')).toContainText('pages/min');
  await expect(page.getByRole('region', { name: `Map: ${LIFFEY}` }).locator('.np-marker')).toHaveCount(1);
});

test('a shop page for an id that is not a shop is a 404, not an error', async ({ page }) => {
  for (const id of ['not-a-uuid', '00000000-0000-4000-8000-000000000000', "1'%20OR%201=1"]) {
    const response = await page.goto(`/shops/${id}`);
    expect(response?.status(), id).toBe(404);
    await expect(page.getByText('We could not find that page')).toBeVisible();
  }
});

test('the order page warns before paying at a shop that is closed today, and says when it reopens', async ({ page, browser }) => {
  await signIn(page, DEMO.owner);
  const shopId = await shopIdByName(page, LIFFEY);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Dublin' }).format(new Date());
  await page.goto(`/shop/${shopId}/hours`);
  await page.getByLabel('Date').fill(today);
  await page.getByLabel('Closed all day').check();
  await page.getByLabel('Note').fill('Stocktake');
  await page.getByRole('button', { name: 'Add exception' }).click();
  const exceptions = page.getByRole('list', { name: 'Exceptions' });
  await expect(exceptions).toContainText(`${today} · Closed · Stocktake`);
  try {
    const customer = await browser.newContext();
    const customerPage = await customer.newPage();
    await signIn(customerPage, DEMO.customer);
    await customerPage.goto(`/order/new?shopId=${shopId}&pageCount=3&copies=2`);
    await expect(customerPage.getByTestId('shop-hours-warning')).toHaveText(new RegExp(`^${LIFFEY} is closed now and opens (tomorrow|\\w{3}) \\d{2}:\\d{2}\\. Your job would be ready about `));
    await customerPage.getByTestId('order-shop-link').click();
    await expect(customerPage).toHaveURL(new RegExp(`/shops/${shopId}$`));
    await expect(customerPage.getByTestId('shop-open-state')).toHaveText(/^Closed now · opens /);
    await expect(customerPage.getByTestId('shop-exceptions')).toContainText('Closed (Stocktake)');
    await customer.close();
  } finally {
    await page.goto(`/shop/${shopId}/hours`);
    await exceptions.getByRole('listitem').filter({ hasText: today }).getByRole('button', { name: 'Remove' }).click();
    await expect(exceptions.getByRole('listitem').filter({ hasText: today })).toHaveCount(0);
  }
});
