import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO, signIn } from './fixtures/accounts';
import { ServerActions, signInOverHttp } from './fixtures/http-client';
import { createPaidOrderOverHttp, shopIdByName } from './fixtures/paid-order';

/**
 * Hand-over at the counter (issue 16): the customer's code alone finds their order, printed on a
 * real printer and waiting for pickup, and one tap hands it over; wrong codes for one order
 * (its QR code names it) lock that order's hand-over with a time to try again, and the
 * customer's page says so.
 */

const SHOP = 'Grafton Copy Centre';

async function pageAs(browser: Browser, account: { email: string; password: string }): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, account);
  return page;
}

test('the code alone finds the order and one tap hands it over; wrong codes lock an order with a time', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const actions = new ServerActions();
  const customer = await signInOverHttp('customer', DEMO.customer);
  const admin = await signInOverHttp('admin', DEMO.admin);
  const shopId = await shopIdByName(admin, SHOP);
  const collected = (await createPaidOrderOverHttp({ actions, customer, admin, shopId })).order;
  const locked = (await createPaidOrderOverHttp({ actions, customer, admin, shopId })).order;

  await signIn(page, DEMO.customer);
  const codeOf = async (orderId: string) => {
    await page.goto(`/orders/${orderId}`);
    await expect(page.getByTestId('order-page')).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
    return (await page.getByTestId('pickup-code').textContent())!.trim();
  };
  const lockedCode = await codeOf(locked.id);
  const code = await codeOf(collected.id);

  const owner = await pageAs(browser, DEMO.owner);
  await owner.goto(`/shop/${shopId}/queue`);
  const form = owner.getByRole('form', { name: 'Hand over an order' });
  const codeField = form.getByLabel('Pickup code');
  const find = form.getByRole('button', { name: 'Find order' });

  // The code alone: no order to choose first.
  await codeField.fill(code);
  await find.click();
  const match = owner.getByTestId('pickup-match');
  await expect(match).toHaveCount(1);
  await expect(match).toHaveAttribute('data-order-number', collected.number);
  await expect(match).toContainText(/1 page × 1/);
  await match.getByRole('button', { name: 'Hand over' }).click();
  await expect(form.getByRole('status')).toContainText('Handed over');
  await page.goto(`/orders/${collected.id}`);
  await expect(page.getByTestId('order-page')).toHaveAttribute('data-status', 'collected');

  // Wrong codes for one order (its QR code scanned with a wrong code): counted, then locked with a time.
  const wrong = lockedCode === '000000' ? '111111' : '000000';
  for (const left of [4, 3, 2, 1]) {
    await codeField.fill(`nearprint:pickup:${locked.number}:${wrong}`);
    await find.click();
    await expect(form.getByRole('alert')).toHaveText(`That code is not right for this order. ${left} ${left === 1 ? 'try' : 'tries'} left.`);
  }
  await codeField.fill(`nearprint:pickup:${locked.number}:${wrong}`);
  await find.click();
  await expect(form.getByRole('alert')).toHaveText(/^Too many wrong codes\. Try again at \d\d:\d\d\.$/);
  const until = /(\d\d:\d\d)/.exec((await form.getByRole('alert').textContent())!)![1];
  // Even its right code waits for the lock to end.
  await codeField.fill(lockedCode);
  await find.click();
  await expect(form.getByRole('alert')).toHaveText(`Too many wrong codes. Try again at ${until}.`);
  await expect(match).toHaveCount(0);

  // The customer's page says their order's hand-over is paused, and until when.
  await page.goto(`/orders/${locked.id}`);
  await expect(page.getByTestId('pickup-locked')).toContainText(`paused until ${until}`);
  await expect(page.getByTestId('order-timeline')).toContainText(`Hand-over paused after too many wrong pickup codes: until ${until}`);
});
