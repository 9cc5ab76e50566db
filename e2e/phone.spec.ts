import { expect, test } from '@playwright/test';
import { DEMO, signIn } from './fixtures/accounts';
import { callRoute, ServerActions, signInOverHttp } from './fixtures/http-client';
import { createPaidOrderOverHttp, jsonOf, poll, shopIdByName } from './fixtures/paid-order';

/**
 * The customer's order page on a phone (390×844, an iPhone 12–15): the header is one line with
 * a menu, and the state and the pickup code are on the first screen, before the receipt and
 * the history (which folds printing updates into one row).
 */

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

let orderId: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const actions = new ServerActions();
  const [admin, customer] = await Promise.all([signInOverHttp('admin', DEMO.admin), signInOverHttp('customer', DEMO.customer)]);
  const { order } = await createPaidOrderOverHttp({ actions, customer, admin, shopId: await shopIdByName(admin, 'Liffey Print Hub') });
  orderId = order.id;
  await poll('the order to be printed', async () => (await jsonOf<{ order: { status: string } }>(await callRoute(admin, 'GET', `/api/admin/orders/${order.id}`))).order.status === 'ready', 90_000);
});

test('the pickup code is on the first screen of the order page, and the header folds into a menu', async ({ page }) => {
  await signIn(page, DEMO.customer);
  await page.goto(`/orders/${orderId}`);
  await expect(page.getByTestId('order-headline')).toHaveText('Ready for pickup');

  const code = page.getByTestId('pickup-code');
  await expect(code).toBeVisible();
  const box = (await code.boundingBox())!;
  expect(box.y + box.height, 'the pickup code ends within the first 844 px').toBeLessThanOrEqual(844);
  // The state comes first, then the code; the receipt and history follow.
  const headlineBox = (await page.getByTestId('order-headline').boundingBox())!;
  const receiptBox = (await page.getByRole('heading', { name: 'Receipt' }).boundingBox())!;
  expect(headlineBox.y).toBeLessThan(box.y);
  expect(receiptBox.y).toBeGreaterThan(box.y);

  // The header is one line: the links and Sign out wait behind Menu.
  const signOut = page.getByRole('button', { name: 'Sign out' });
  await expect(signOut).toBeHidden();
  await page.getByRole('button', { name: 'Menu' }).click();
  await expect(signOut).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My orders' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(signOut).toBeHidden();

  await page.screenshot({ path: test.info().outputPath('order-page-phone.png') });

  // The upload box speaks to a touch screen: nothing to drop, a tap to choose.
  await page.goto('/');
  await expect(page.getByTestId('dropzone')).toContainText('Tap to choose files or take a photo');
  await expect(page.getByText('Drop files here, or click to choose')).toBeHidden();
});

test('on the search page a "See N shops" button stays in reach below the job form and brings the results into view', async ({ page }) => {
  await page.goto('/?lat=53.34300&lng=-6.26000&radiusKm=2');
  const heading = page.getByTestId('results-heading');
  const count = /^(\d+) shops? within/.exec((await heading.textContent())!)![1];
  const button = page.getByTestId('see-results');
  await expect(button).toHaveText(`See ${count} shops ↓`);
  // Stuck to the bottom of the first screen while the form is in view.
  const box = (await button.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(844);
  expect(box.y).toBeGreaterThan(844 / 2);
  await expect(heading).not.toBeInViewport();
  await button.click();
  await expect(heading).toBeInViewport();
  await page.screenshot({ path: test.info().outputPath('search-phone.png') });
});
