import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { freePort } from '@/dev/lib/free-port';
import { colorDuplexPdfPrinter, monoRasterPrinter } from '@/dev/printers/printer-presets';
import { startPrinter, type TPrinterHandle } from '@/dev/printers/start-printer';
import { DEMO, signIn, uniqueEmail } from './fixtures/accounts';

let spoolRoot: string;
let colour: TPrinterHandle;
let mono: TPrinterHandle;
let plainHttp: http.Server;
let plainHttpPort: number;

test.beforeAll(async () => {
  spoolRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'nearprint-e2e-fleet-'));
  [colour, mono] = await Promise.all([
    startPrinter(colorDuplexPdfPrinter({ name: 'E2E colour', spoolDir: path.join(spoolRoot, 'colour') })),
    startPrinter(monoRasterPrinter({ name: 'E2E mono', spoolDir: path.join(spoolRoot, 'mono') })),
  ]);
  plainHttp = http.createServer((_req, res) => res.end('<html>not a printer</html>'));
  await new Promise<void>((resolve) => plainHttp.listen(0, '127.0.0.1', resolve));
  plainHttpPort = (plainHttp.address() as { port: number }).port;
});

test.afterAll(async () => {
  await Promise.allSettled([colour?.stop(), mono?.stop()]);
  plainHttp?.close();
  await fs.rm(spoolRoot, { recursive: true, force: true });
});

async function fieldError(page: Page, name: string) {
  return page.locator(`[data-field-error="${name}"]`);
}

test('a shop owner onboards a shop with hours, prices and two real printers; an admin requests changes, the owner resubmits, the admin approves', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const shopName = `Quayside Copies ${Date.now() % 100000}`;

  // Sign up as a shop owner.
  await page.goto('/sign-up?as=shop');
  await page.getByLabel('Your name').fill('Siobhán Owner');
  await page.getByLabel('Email').fill(uniqueEmail('owner'));
  await page.getByLabel('Password').fill('a long owner password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/shop\/new$/);

  // Step 1: details. Out-of-range coordinates are refused field by field.
  await page.getByLabel('Shop name').fill(shopName);
  await page.getByLabel('Street address').fill('7 Ormond Quay Upper');
  await page.getByLabel('City').fill('Dublin');
  await page.getByLabel('Latitude').fill('200');
  await page.getByLabel('Longitude').fill('-6.2695');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(await fieldError(page, 'lat')).toContainText('between -90 and 90');
  await page.getByRole('region', { name: 'Shop location' }).click({ position: { x: 200, y: 150 } });
  await page.getByLabel('Latitude').fill('53.3460');
  await page.getByLabel('Longitude').fill('-6.2690');
  await page.getByRole('button', { name: 'Save and continue' }).click();

  // Step 2: hours. An overlap and an inverted day are refused; then a sane week saves.
  await expect(page).toHaveURL(/\/hours\?onboarding=1$/);
  const monday = page.locator('[data-weekday="1"]');
  await monday.getByRole('button', { name: '+ Add hours' }).click();
  await page.getByLabel('Monday opens').fill('09:00');
  await page.getByLabel('Monday closes').fill('17:00');
  await monday.getByRole('button', { name: '+ Add hours' }).click();
  await page.getByLabel('Monday opens').nth(1).fill('16:00');
  await page.getByLabel('Monday closes').nth(1).fill('20:00');
  const tuesday = page.locator('[data-weekday="2"]');
  await tuesday.getByRole('button', { name: '+ Add hours' }).click();
  await page.getByLabel('Tuesday opens').fill('18:00');
  await page.getByLabel('Tuesday closes').fill('09:00');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'opening hours need fixing' })).toBeVisible();
  await expect(monday).toContainText('Overlaps Monday 09:00–17:00');
  await expect(tuesday).toContainText('Closing time is before opening time');
  await monday.getByRole('button', { name: 'Remove' }).nth(1).click();
  await tuesday.getByRole('button', { name: 'Remove' }).click();
  await page.getByRole('button', { name: 'Copy Monday to Tue–Fri' }).click();
  await page.getByRole('button', { name: 'Save and continue' }).click();

  // Step 3: prices. Negative, non-numeric and absurd prices are refused.
  await expect(page).toHaveURL(/\/prices\?onboarding=1$/);
  await page.getByLabel('A4 Black & white, one-sided').fill('-0.10');
  await page.getByLabel('A4 Colour, one-sided').fill('cheap');
  await page.getByLabel('A3 Colour, one-sided').fill('99999');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(await fieldError(page, 'price.iso_a4_210x297mm.monochrome.one-sided')).toContainText('negative');
  await expect(await fieldError(page, 'price.iso_a4_210x297mm.color.one-sided')).toContainText('like 0.10');
  await expect(await fieldError(page, 'price.iso_a3_297x420mm.color.one-sided')).toContainText('more than the most');
  await page.getByLabel('A4 Black & white, one-sided').fill('0.08');
  await page.getByLabel('A4 Black & white, two-sided').fill('0.06');
  await page.getByLabel('A4 Colour, one-sided').fill('0.40');
  await page.getByLabel('A3 Colour, one-sided').fill('0.80');
  await page.getByLabel('Fee per job').fill('0.50');
  await page.getByLabel('Minimum charge').fill('1.00');
  await page.getByLabel('Finishing staple').fill('0.25');
  await page.getByRole('button', { name: 'Save and continue' }).click();

  // Step 4: printers. Things that are not printers get clear messages, nothing is saved.
  await expect(page).toHaveURL(/\/printers\?onboarding=1$/);
  const addPrinter = async (name: string, uri: string) => {
    await page.getByLabel('Printer name').fill(name);
    await page.getByLabel('IPP address').fill(uri);
    await page.getByRole('button', { name: 'Connect printer' }).click();
  };
  await addPrinter('Web server', `ipp://127.0.0.1:${plainHttpPort}/ipp/print`);
  await expect(await fieldError(page, 'uri')).toContainText(/not an IPP printer|not a printer|not IPP/i);
  // The e2e stack opens loopback for its printers (PRINTER_ALLOWED_NETWORKS), as the demo does.
  await addPrinter('Closed port', `ipp://127.0.0.1:${await freePort()}/ipp/print`);
  await expect(await fieldError(page, 'uri')).toContainText(/Nothing answered/i);
  // Anything else that is not a public address is refused before any connection, pointing to the agent.
  await addPrinter('Internal', 'ipp://0.0.0.0/ipp/print');
  await expect(await fieldError(page, 'uri')).toContainText(/cannot connect to this printer address.*Nearprint agent/);
  await addPrinter('Low port', 'ipp://127.0.0.1:22/ipp/print');
  await expect(await fieldError(page, 'uri')).toContainText(/cannot connect to this printer address/);
  await addPrinter('Garbage', 'not a printer address');
  await expect(await fieldError(page, 'uri')).toContainText(/is not a printer address/);
  await expect(page.getByTestId('printer-card')).toHaveCount(0);

  await addPrinter('Counter colour', colour.uri);
  await expect(page.getByRole('status')).toContainText('Connected “Counter colour”');
  await addPrinter('Back office mono', mono.uri);
  await expect(page.getByTestId('printer-card')).toHaveCount(2);

  const colourCard = page.locator('[data-testid="printer-card"][data-printer-name="Counter colour"]');
  const monoCard = page.locator('[data-testid="printer-card"][data-printer-name="Back office mono"]');
  await expect(colourCard.locator('[data-cap="color"]')).toHaveText('Colour and black & white');
  await expect(colourCard.locator('[data-cap="duplex"]')).toHaveText('Yes');
  await expect(colourCard.locator('[data-cap="formats"]')).toContainText('PDF');
  await expect(colourCard.locator('[data-cap="finishings"]')).toContainText('staple');
  await expect(monoCard.locator('[data-cap="color"]')).toHaveText('Black & white only');
  await expect(monoCard.locator('[data-cap="duplex"]')).toHaveText('No');
  await expect(monoCard.locator('[data-cap="formats"]')).not.toContainText('PDF');
  await expect(page.getByTestId('shop-capabilities')).toContainText('Colour');
  await expect(page.getByTestId('shop-capabilities')).toContainText('Two-sided');

  // Live state: the mono printer is switched off; its card turns offline without a reload.
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-connected', 'true');
  await expect(monoCard.getByTestId('printer-health')).toHaveText('Ready');
  await mono.stop();
  await expect(monoCard.getByTestId('printer-health')).toHaveText('Offline', { timeout: 20_000 });
  mono = await startPrinter(mono.spec);
  await expect(monoCard.getByTestId('printer-health')).toHaveText('Ready', { timeout: 20_000 });
  await expect(page.getByText('Not submitted for review')).toBeVisible();

  // Submitting for review: the overview lists what the printers can do that the price list
  // does not price (the colour printer takes every size; the mono one A4, A5 and Letter), and
  // the shop cannot be submitted until each has a price.
  const shopUrl = page.url().replace(/\/printers.*$/, '');
  await page.goto(shopUrl);
  const missing = page.getByTestId('missing-prices');
  await expect(missing).toContainText('A3 black & white');
  await expect(missing).toContainText('A5 black & white');
  await expect(missing).toContainText('US Letter colour');
  await expect(missing).not.toContainText('A4');
  await expect(page.getByRole('button', { name: 'Submit for review' })).toBeDisabled();
  await page.getByRole('link', { name: 'Edit prices' }).click();
  await expect(page).toHaveURL(/\/prices$/);
  const labels = await page.getByTestId('missing-prices').locator('li').allTextContents();
  expect(labels.length).toBeGreaterThan(3);
  for (const label of labels) {
    const field = `${label.replace(' black & white', ' Black & white').replace(' colour', ' Colour')}, one-sided`;
    await page.getByLabel(field).fill(label.endsWith('colour') ? '0.50' : '0.12');
  }
  await page.getByRole('button', { name: 'Save price list' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Price list saved' })).toBeVisible();
  await expect(page.getByTestId('missing-prices')).toHaveCount(0);
  await page.goto(shopUrl);
  await expect(page.getByTestId('missing-prices')).toHaveCount(0);
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.getByTestId('review-state')).toContainText('An admin will approve your shop');
  await expect(page.getByText('Waiting for review').first()).toBeVisible();

  // An admin finds the shop in the review queue and asks for a change, with a reason.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, DEMO.admin);
  await admin.goto('/admin/shops');
  const card = admin.locator('[data-testid="admin-shop"]', { hasText: shopName });
  await expect(card).toContainText('Waiting for review');
  await expect(card).toContainText('2 / 2');
  await card.getByRole('button', { name: 'Request changes' }).click();
  await expect(card.locator('[data-field-error="reason"]')).toContainText('Tell the owner why');
  await card.getByLabel('Reason shown to the owner').fill('Add a phone number customers can call.');
  await card.getByRole('button', { name: 'Request changes' }).click();
  await expect(card).toContainText('Changes requested');
  await expect(card.getByTestId('not-submitted')).toBeVisible();

  // The owner sees the request and its reason on the dashboard, and submits again.
  await page.reload();
  await expect(page.getByTestId('review-decision')).toContainText('Add a phone number customers can call.');
  await expect(page.getByText('Changes requested').first()).toBeVisible();
  await expect(page.getByTestId('review-history')).toContainText('Add a phone number customers can call.');
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.getByTestId('review-state')).toContainText('An admin will approve your shop');

  // The admin approves it.
  await admin.reload();
  await expect(card).toContainText('Waiting for review');
  await card.getByRole('button', { name: 'Approve' }).click();
  await expect(card).toContainText('Live in search');
  await adminContext.close();

  await page.reload();
  await expect(page.getByText('Live in search')).toBeVisible();
  await expect(page.getByTestId('review-history').locator('li')).toHaveCount(2);
  await expect(page.getByTestId('review-history').locator('li').first()).toHaveAttribute('data-decision', 'approved');
});
