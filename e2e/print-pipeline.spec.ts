import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO, signIn } from './fixtures/accounts';
import { payWithTestCard } from './fixtures/checkout';
import { onePagePdf } from './fixtures/paid-order';

/**
 * A paid order comes out of a real printer: the customer pays in Chromium, the worker
 * converts it and sends it to one of the shop's ippeveprinter printers, and both the
 * customer's order page and the shop's queue follow it live, without reloading, from paid to
 * printed and ready; the shop refuses a wrong pickup code and hands it over with the right
 * one, and the customer's page shows it collected.
 */

const SHOP = 'Grafton Copy Centre';

async function pageAs(browser: Browser, account: { email: string; password: string }): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, account);
  return page;
}

async function shopIdByName(page: Page, name: string): Promise<string> {
  const response = await page.request.get('/api/shops/search?lat=53.3413&lng=-6.2602&radiusKm=2&pageSize=50&sort=nearest');
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { results: { shop: { id: string; name: string } }[] };
  const shop = body.results.find((r) => r.shop.name === name);
  expect(shop, `${name} in search`).toBeTruthy();
  return shop!.shop.id;
}

test('paid → converted → printing → printed → ready → collected, live for the customer and the shop', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signIn(page, DEMO.customer);
  const shopId = await shopIdByName(page, SHOP);
  const owner = await pageAs(browser, DEMO.owner);
  await owner.goto(`/shop/${shopId}/queue`);
  await expect(owner.getByTestId('live-indicator')).toHaveAttribute('data-connected', 'true');

  // The customer orders three pages and pays on the Stripe emulator's page.
  await page.goto(`/order/new?shopId=${shopId}`);
  const pdf = Buffer.from(await onePagePdf('Pipeline e2e'));
  await page.getByLabel('Choose files to print').setInputFiles({ name: 'pipeline.pdf', mimeType: 'application/pdf', buffer: pdf });
  const total = page.getByTestId('quote-total');
  await expect(total).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: `Pay ${(await total.textContent())!}` }).click();
  await payWithTestCard(page);
  const number = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').replace('Order ', '').trim();
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-connected', 'true');

  // Both pages follow it to the end by themselves: no reloads from here on.
  const row = owner.locator(`[data-testid="queue-job"][data-order-number="${number}"]`);
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row).toHaveAttribute('data-job-state', 'printed', { timeout: 90_000 });
  await expect(row).toHaveAttribute('data-order-status', 'ready');
  await expect(row.getByTestId('job-progress')).toHaveText(/^(\d+) of \1 pages printed$/);
  await expect(page.getByTestId('order-page')).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
  const timeline = page.getByTestId('order-timeline');
  for (const step of ['Payment confirmed', 'Preparing files for the printer', 'Printing', 'Printed', 'Ready for pickup']) await expect(timeline).toContainText(step);
  const code = (await page.getByTestId('pickup-code').textContent())!.trim();

  // Hand-over at the counter by the code alone: a wrong one matches nothing, the right one finds the order and one tap hands it over.
  const form = owner.getByRole('form', { name: 'Hand over an order' });
  await form.getByLabel('Pickup code').fill(code === '000000' ? '111111' : '000000');
  await form.getByRole('button', { name: 'Find order' }).click();
  await expect(form.getByRole('alert')).toContainText('No order waiting for pickup here has that code');
  await form.getByLabel('Pickup code').fill(code);
  await form.getByRole('button', { name: 'Find order' }).click();
  const match = owner.getByTestId('pickup-match');
  await expect(match).toHaveAttribute('data-order-number', number);
  await expect(match).toContainText('pipeline.pdf');
  await match.getByRole('button', { name: 'Hand over' }).click();
  await expect(form.getByRole('status')).toContainText('Handed over');
  await expect(row).toHaveAttribute('data-order-status', 'collected');
  await expect(page.getByTestId('order-page')).toHaveAttribute('data-status', 'collected', { timeout: 30_000 });
  await expect(timeline).toContainText('Collected');
});
