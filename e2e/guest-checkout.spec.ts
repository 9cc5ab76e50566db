import { expect, test, type Page } from '@playwright/test';
import { openCaughtMail } from './fixtures/caught-mail';
import { DEMO, uniqueEmail } from './fixtures/accounts';
import { payWithTestCard } from './fixtures/checkout';
import { onePagePdf } from './fixtures/paid-order';

/**
 * Guest checkout end to end: a visitor who never signed in uploads from the search page, picks a
 * shop, pays with only an email, and lands on their order; the sign-in link mailed through the
 * outbox (read from the e2e stack's mail catcher, as e2e/mail.spec.ts does) then opens the order
 * in another browser, once.
 */

const SHOP = 'Liffey Print Hub';

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: test.info().outputPath(`${name}-desktop.png`), fullPage: true });
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: test.info().outputPath(`${name}-phone.png`), fullPage: true });
  if (size) await page.setViewportSize(size);
}

test('a guest uploads, pays with only an email, sees the order, and the emailed link signs them in elsewhere, once', async ({ page, browser }) => {
  test.setTimeout(300_000);
  const email = uniqueEmail('guest');

  // Not signed in: the search page offers uploading without an account.
  await page.goto('/?lat=53.34300&lng=-6.26000');
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await page.getByTestId('guest-upload-link').click();
  await page.waitForURL(/\/\?lat=53\.343/);
  await expect(page.getByTestId('signed-in-as')).toHaveCount(0);
  await page.getByLabel('Choose files to print').setInputFiles({ name: 'guest-flyer.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await onePagePdf('Guest checkout flyer')) });
  await expect(page.getByTestId('document-row').filter({ hasText: 'guest-flyer.pdf' }).getByTestId('document-status')).toHaveText(/^1 page/, { timeout: 30_000 });
  const choose = page
    .getByTestId('search-result')
    .filter({ has: page.getByTestId('result-name').filter({ hasText: SHOP }) })
    .getByRole('link', { name: /Choose this shop/ });
  await expect(choose).toHaveAttribute('href', /documents=[0-9a-f-]{36}/, { timeout: 30_000 });
  const documentId = /documents=([0-9a-f-]{36})/.exec((await choose.getAttribute('href'))!)![1];
  await choose.click();

  // Another guest's session cannot read this upload.
  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  await strangerPage.goto('/api/guest-session?next=%2F');
  expect((await strangerPage.request.get(`/api/documents/${documentId}`)).status()).toBe(404);
  await stranger.close();

  // The order page with the upload carried over, the price, and the email field.
  await page.waitForURL(/\/order\/new\?/);
  await expect(page.getByTestId('document-row').filter({ hasText: 'guest-flyer.pdf' })).toBeVisible();
  const total = page.getByTestId('quote-total');
  await expect(total).toBeVisible({ timeout: 30_000 });
  const totalText = (await total.textContent())!;
  const pay = page.getByRole('button', { name: `Pay ${totalText}` });
  await expect(pay).toBeDisabled();
  await page.getByLabel('Your email').fill('not-an-address');
  await pay.click();
  await expect(page.locator('[data-field-error="email"]')).toBeVisible();
  await page.getByLabel('Your email').fill(email);
  await expect(page.locator('[data-field-error="email"]')).toHaveCount(0);
  await shot(page, 'guest-checkout');
  await pay.click();

  await payWithTestCard(page, totalText);
  await expect(page.getByTestId('order-page')).toHaveAttribute('data-status', /^(paid|printing|ready)$/, { timeout: 30_000 });
  const orderId = /\/orders\/([0-9a-f-]{36})/.exec(page.url())![1];
  const number = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').replace('Order ', '').trim();
  await expect(page.getByTestId('signed-in-as')).toContainText(email);
  await shot(page, 'guest-order-after-payment');

  // Another browser: the mailed link signs in and opens the order.
  const elsewhere = await browser.newContext();
  const other = await elsewhere.newPage();
  await openCaughtMail(other, `Your sign-in link for order ${number}`);
  await expect(other.getByRole('definition').filter({ hasText: email })).toBeVisible();
  const mailText = (await other.locator('pre').textContent())!;
  const link = /(https?:\/\/\S+\/api\/auth\/magic-link\/verify\?\S+)/.exec(mailText)?.[1];
  expect(link, 'the sign-in link in the text part').toBeTruthy();
  await other.getByRole('link', { name: 'Open the HTML part' }).click();
  await other.getByRole('link', { name: 'Open your order' }).click();
  await other.waitForURL(new RegExp(`/orders/${orderId}$`));
  await expect(other.getByTestId('order-page')).toBeVisible();
  await expect(other.getByTestId('signed-in-as')).toContainText(email);
  await shot(other, 'guest-order-after-link');
  await other.goto('/orders');
  await expect(other.getByText(number)).toBeVisible();
  await elsewhere.close();

  // The link works once: replayed in a third browser it signs nobody in.
  const replay = await browser.newContext();
  const replayPage = await replay.newPage();
  await replayPage.goto(link!.replace(/^https?:\/\/[^/]+/, ''));
  await replayPage.waitForURL(/\/sign-in\/link\?/);
  await expect(replayPage.getByTestId('sign-in-link-error')).toBeVisible();
  await expect(replayPage.getByTestId('signed-in-as')).toHaveCount(0);
  await replay.close();
});

test('a guest who gives the email of a customer account pays, but sees the order only after signing in to it', async ({ page }) => {
  test.setTimeout(180_000);
  const response = await page.request.get('/api/shops/search?lat=53.3467&lng=-6.2593&radiusKm=2&pageSize=50&sort=nearest');
  const shopId = ((await response.json()) as { results: { shop: { id: string; name: string } }[] }).results.find((r) => r.shop.name === SHOP)!.shop.id;
  await page.goto(`/order/new?shopId=${shopId}&copies=5`);
  await page.getByLabel('Choose files to print').setInputFiles({ name: 'existing.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await onePagePdf('Existing account')) });
  const total = page.getByTestId('quote-total');
  await expect(total).toBeVisible({ timeout: 30_000 });
  const totalText = (await total.textContent())!;
  // The demo customer's address: the order goes to that account, the guest is not signed in to it.
  await page.getByLabel('Your email').fill(DEMO.customer.email);
  await page.getByRole('button', { name: `Pay ${totalText}` }).click();
  await payWithTestCard(page, totalText);
  await expect(page.getByTestId('guest-order-notice')).toBeVisible();
  await expect(page.getByTestId('order-page')).toHaveCount(0);
  await expect(page.getByTestId('signed-in-as')).toHaveCount(0);

  // A shop owner's address is refused outright.
  await page.goto(`/order/new?shopId=${shopId}&copies=5`);
  await page.getByLabel('Choose files to print').setInputFiles({ name: 'owner.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await onePagePdf('Owner address')) });
  await expect(total).toBeVisible({ timeout: 30_000 });
  await page.getByLabel('Your email').fill(DEMO.owner.email);
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(page.locator('[data-field-error="email"]')).toContainText('cannot be used for a guest order');
  await expect(page).toHaveURL(/\/order\/new\?/);
});
