import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO, signIn } from './fixtures/accounts';
import { checkOut, shopIdFromSearch } from './fixtures/checkout';

/**
 * Money end to end in Chromium: a customer pays on the Stripe emulator's own page with the
 * test card, the webhook marks the order paid, an admin refunds part of it from the console,
 * the shop hands it over with the customer's pickup code (booking its earning), finishes
 * Stripe Connect onboarding, and an admin's payout run transfers the shop's balance.
 */

async function pageAs(browser: Browser, account: { email: string; password: string }): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, account);
  return page;
}

/** The shop owner's side: once the order waits for pickup, its code alone finds it and one tap hands it over. */
async function handOver(owner: Page, shopId: string, number: string, code: string) {
  await owner.goto(`/shop/${shopId}/queue`);
  const form = owner.getByRole('form', { name: 'Hand over an order' });
  await expect(form.getByLabel('Order (optional)').locator('option', { hasText: number })).toHaveCount(1, { timeout: 60_000 });
  await form.getByLabel('Pickup code').fill(code);
  await form.getByRole('button', { name: 'Find order' }).click();
  const match = owner.getByTestId('pickup-match');
  await expect(match).toHaveAttribute('data-order-number', number);
  await match.getByRole('button', { name: 'Hand over' }).click();
  await expect(form.getByRole('status')).toContainText('Handed over');
}

/** Stripe Connect onboarding on the emulator's page, unless the shop already finished it. */
async function setUpPayouts(owner: Page, shopId: string) {
  await owner.goto(`/shop/${shopId}/earnings`);
  const setup = owner.getByTestId('payout-setup');
  if (await setup.getByText('Payouts on').isVisible()) return;
  await setup.getByRole('button', { name: /Set up payouts with Stripe|Finish payout setup/ }).click();
  await owner.waitForURL(/127\.0\.0\.1:12112\//);
  await owner.getByLabel('Business name').fill('Liffey Print Hub Ltd');
  await owner.getByLabel('IBAN').fill('DE89 3704 0044 0532 0130 00');
  await owner.getByRole('button', { name: 'Agree and submit' }).click();
  await owner.waitForURL(new RegExp(`/shop/${shopId}/earnings`));
  await expect(owner.getByTestId('payout-setup')).toContainText('Payouts on', { timeout: 15_000 });
}

test('a customer pays on the emulator’s page, an admin refunds part, the shop hands it over and a payout run pays the shop', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signIn(page, DEMO.customer);
  const shopId = await shopIdFromSearch(page, 'Liffey Print Hub');
  const { orderId, number, total } = await checkOut(page, shopId);
  await expect(page.getByTestId('order-total')).toHaveText(total);

  const admin = await pageAs(browser, DEMO.admin);
  await admin.goto(`/admin/orders?number=${number}`);
  await admin.getByRole('link', { name: number }).click();
  await expect(admin.getByTestId('admin-order-ledger')).toContainText(total);
  const form = admin.getByTestId('refund-form');
  await form.getByLabel(/Amount to refund/).fill('1.00');
  await form.getByLabel(/Reason/).fill('The staples were missing');
  await form.getByRole('button', { name: 'Review refund' }).click();
  await form.getByTestId('refund-preview').getByRole('button', { name: 'Confirm refund of €1.00' }).click();
  await expect(form.getByRole('status')).toHaveText('Refund of €1.00 sent to Stripe.');
  await expect(admin.getByTestId('admin-order-refunded')).toHaveText('€1.00');

  // The customer's receipt shows the refund, booked from Stripe's answer.
  await page.goto(`/orders/${orderId}`);
  await expect(page.getByRole('list', { name: 'Refunds' })).toContainText('The staples were missing');
  await expect(page.getByRole('list', { name: 'Refunds' })).toContainText('succeeded');

  // The shop prints it, hands it over with the customer's pickup code: its earning is booked.
  const code = (await page.getByTestId('pickup-code').textContent())!.trim();
  const owner = await pageAs(browser, DEMO.owner);
  await handOver(owner, shopId, number, code);
  await page.reload();
  await expect(page.getByTestId('order-page')).toHaveAttribute('data-status', 'collected');
  await setUpPayouts(owner, shopId);

  // The payout run transfers the shop's whole balance to its connected account.
  await admin.goto('/admin/payouts');
  const row = admin.getByTestId('payout-balances').locator(`tr[data-shop-id="${shopId}"]`);
  await expect(row).toHaveAttribute('data-readiness', 'ready');
  const balance = (await row.getByTestId('shop-balance').textContent())!;
  expect(balance).not.toBe('€0.00');
  // The run shows what it will pay, shop by shop, and pays nothing until the admin ticks that they checked it.
  const payoutForm = admin.getByTestId('run-payouts-form');
  await payoutForm.getByTestId('payout-preview').locator('summary').click();
  await expect(payoutForm.getByTestId('payout-preview')).toContainText(balance);
  await payoutForm.getByRole('button', { name: /Run payouts/ }).click();
  await expect(payoutForm.locator('[data-field-error="confirm"]')).toHaveText('Check the shops and amounts, then tick the box');
  await expect(row.getByTestId('shop-balance')).toHaveText(balance);
  await payoutForm.getByLabel(/I checked the shops and amounts/).check();
  await payoutForm.getByRole('button', { name: /Run payouts/ }).click();
  await expect(payoutForm.getByRole('status')).toContainText(/Payout run finished: \d+ paid, 0 failed/);
  const outcome = admin.getByTestId('last-run').locator(`tr[data-shop-id="${shopId}"]`);
  await expect(outcome).toHaveAttribute('data-outcome', 'paid');
  await expect(outcome).toContainText(balance);
  await expect(admin.getByTestId('payout-history').locator('tr[data-transfer-status="paid"]', { hasText: 'Liffey Print Hub' }).first()).toContainText(balance);
  await expect(admin.getByTestId('payout-balances').locator(`tr[data-shop-id="${shopId}"]`)).toHaveCount(1);
  await expect(admin.getByTestId('payout-balances').locator(`tr[data-shop-id="${shopId}"]`).getByTestId('shop-balance')).toHaveText('€0.00');

  // The owner sees the transfer on the earnings page.
  await owner.goto(`/shop/${shopId}/earnings`);
  await expect(owner.getByTestId('transfers')).toContainText(balance);
  await admin.context().close();
  await owner.context().close();
});
