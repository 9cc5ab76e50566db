import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEMO } from './fixtures/accounts';
import { onePagePdf } from './fixtures/paid-order';

/**
 * The whole order with the keyboard alone: Tab to move, type into fields, Enter, Space and the
 * arrow keys to act. No clicks anywhere, the file chooser included (opened with Space on the
 * focused file control). The test only reads the page to know where focus is.
 */

/** Presses Tab until `target` has focus (Shift+Tab when `backwards`), as a keyboard user would. */
async function tabTo(page: Page, target: Locator, options: { max?: number; backwards?: boolean } = {}): Promise<void> {
  const element = target.first();
  await element.waitFor();
  for (let presses = 0; presses < (options.max ?? 120); presses++) {
    if (await element.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Could not reach ${String(element)} with the Tab key`);
}

test('a customer signs in, finds a shop, uploads, pays and sees the order with the keyboard alone', async ({ page }) => {
  test.setTimeout(180_000);

  await page.goto('/sign-in');
  await tabTo(page, page.getByLabel('Email'));
  await page.keyboard.type(DEMO.customer.email);
  await tabTo(page, page.getByLabel('Password'));
  await page.keyboard.type(DEMO.customer.password);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('customer-home')).toBeVisible({ timeout: 30_000 });

  // Where: the place search, by typing and picking a suggestion with the arrow keys.
  const placeSearch = page.getByRole('combobox');
  await tabTo(page, placeSearch);
  await page.keyboard.type('Rathmines');
  await expect(page.getByRole('option').first()).toBeVisible({ timeout: 15_000 });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/lat=/, { timeout: 15_000 });

  // What: the file control takes focus like any field; Space opens the system's file chooser.
  const fileControl = page.getByLabel('Choose files to print');
  await tabTo(page, fileControl);
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Space');
  await (await chooser).setFiles({ name: 'keyboard.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await onePagePdf('Keyboard only')) });
  await expect(page.getByTestId('document-row').filter({ hasText: 'keyboard.pdf' }).getByTestId('document-status')).toHaveText(/1 page/, { timeout: 30_000 });

  // Which shop: Tab to the first shop's "Choose this shop" (a link once prices are up to date), Enter.
  const choose = page.getByRole('link', { name: /^Choose this shop: / }).first();
  await expect(choose).toBeVisible({ timeout: 30_000 });
  await expect(page).toHaveURL(/documents=/, { timeout: 30_000 });
  await tabTo(page, choose, { max: 200 });
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/order\/new\?/, { timeout: 30_000 });

  // Pay: the quote comes by itself; Tab to the Pay button and press Enter.
  const total = page.getByTestId('quote-total');
  await expect(total).toBeVisible({ timeout: 30_000 });
  const pay = page.getByRole('button', { name: `Pay ${(await total.textContent())!}` });
  await expect(pay).toBeEnabled({ timeout: 30_000 });
  await tabTo(page, pay, { max: 200 });
  await page.keyboard.press('Enter');

  // The Stripe emulator's checkout page: the test card typed in, Enter to pay.
  await page.waitForURL(/127\.0\.0\.1:12112\/checkout\//, { timeout: 30_000 });
  for (const [label, text] of [
    ['Card number', '4242 4242 4242 4242'],
    ['Expiration date', '12 / 34'],
    ['CVC', '123'],
    ['Cardholder name', 'Kim Keyboard'],
  ] as const) {
    await tabTo(page, page.getByLabel(label));
    await page.keyboard.type(text);
  }
  await tabTo(page, page.getByTestId('hosted-payment-submit-button'));
  await page.keyboard.press('Enter');

  // Back on Nearprint: the order, paid.
  await page.waitForURL(/\/orders\/[0-9a-f-]{36}\?checkout=success/, { timeout: 30_000 });
  await expect(page.getByTestId('order-page')).toHaveAttribute('data-status', /^(paid|printing|ready)$/, { timeout: 30_000 });
});
