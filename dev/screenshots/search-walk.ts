/**
 * The customer's walk from search to paying, as screenshots for docs/screenshots/: the
 * results (true ready times, the wait in "Why here"), a misspelt street in the place search,
 * a closed shop's own page, and the order
 * page's warning before paying there. Run it against a running stack (npm run demo, or
 * dev/run.ts --e2e) after most shops have closed, to see what a late customer sees:
 *
 *   tsx dev/screenshots/search-walk.ts [--url http://localhost:3000] [--out docs/screenshots]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@/db/seed-data';

const { values: args } = parseArgs({ options: { url: { type: 'string', default: 'http://localhost:3000' }, out: { type: 'string', default: 'docs/screenshots' } } });

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, baseURL: args.url });
  const shot = async (name: string, options: { fullPage?: boolean } = {}) => {
    const file = path.join(args.out, name);
    await page.screenshot({ path: file, fullPage: options.fullPage ?? false });
    console.log(`${file}: ${page.url()}`);
  };

  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(DEMO_ACCOUNTS.customer.email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD.customer);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));

  // Ten pages near Trinity College, best value first.
  await page.goto('/?lat=53.3438&lng=-6.2546&radiusKm=3&pageCount=10&sort=best_value');
  await page.getByTestId('search-result').first().waitFor();
  await page.waitForTimeout(1500);
  await shot('search.png');

  // Places people type: a misspelt street finds the shops' own street.
  await page.getByRole('combobox', { name: /Search a town, street, postcode or shop/ }).fill('Grafon Stre');
  await page.getByRole('option').first().waitFor();
  await shot('place-search.png');
  await page.keyboard.press('Escape');

  // The first shop that is closed now: its page, then its order page.
  const closed = page
    .getByTestId('search-result')
    .filter({ hasText: /Closed · opens/ })
    .first();
  const shopLink = closed.getByRole('link').first();
  const shopName = (await shopLink.innerText()).trim();
  await shopLink.click();
  await page.waitForURL(/\/shops\//);
  await page.waitForTimeout(1000);
  await shot('shop-page.png', { fullPage: true });

  await page.goBack();
  await page
    .getByTestId('search-result')
    .filter({ hasText: shopName })
    .first()
    .getByRole('link', { name: /Choose this shop/ })
    .click();
  await page.waitForURL(/\/order\/new/);
  await page
    .getByTestId('shop-hours-warning')
    .waitFor({ timeout: 10_000 })
    .catch(() => console.error('No closed-shop warning on the order page'));
  await shot('order-page.png', { fullPage: true });
  console.log(`Closed shop walked through: ${shopName}`);
  await browser.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
