import { expect, test, type Page } from '@playwright/test';
import { openCaughtMail } from './fixtures/caught-mail';
import { DEMO, signIn } from './fixtures/accounts';
import { checkOut, shopIdFromSearch } from './fixtures/checkout';

/**
 * Mail end to end: the worker sends the customer's receipt and "ready for pickup" mails over
 * real SMTP to the e2e stack's local catcher; the dev page (/dev/mail) shows them, and the links
 * in the mails open the order.
 */

const SHOP = 'Liffey Print Hub';

/** The HTML part as the customer's mail client would show it, on a desktop and a phone. */
async function openHtmlPart(page: Page, screenshotName: string): Promise<void> {
  await page.getByRole('link', { name: 'Open the HTML part' }).click();
  await page.waitForURL(/\/dev\/mail\/[a-z0-9-]+\/html$/);
  await expect(page.getByText('Nearprint', { exact: true })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath(`${screenshotName}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: test.info().outputPath(`${screenshotName}-phone.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
}

test('the receipt and the ready-for-pickup mail reach the catcher, and their links open the order', async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, DEMO.customer);
  const shopId = await shopIdFromSearch(page, SHOP);
  const { orderId, number, total } = await checkOut(page, shopId);
  expect(number).toMatch(/^NP-[2-9A-Z]{6}$/);

  // The receipt: order number, shop and total in the subject; lines and total in the text part.
  const receiptSubject = `Receipt for your order ${number} at ${SHOP} (${total})`;
  await openCaughtMail(page, receiptSubject);
  await expect(page.getByRole('definition').filter({ hasText: DEMO.customer.email })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('caught-receipt.png'), fullPage: true });
  const receiptText = page.locator('pre');
  await expect(receiptText).toContainText(`Receipt for order ${number}`);
  await expect(receiptText).toContainText(new RegExp(`Total paid\\s+${total.replace(/[.€]/g, (c) => `\\${c}`)}`));
  await expect(receiptText).toContainText(SHOP);
  await openHtmlPart(page, 'receipt-mail');
  await page.getByRole('link', { name: 'Follow your order' }).click();
  await page.waitForURL(new RegExp(`/orders/${orderId}$`));
  await expect(page.getByTestId('order-page')).toBeVisible();

  // Printed by the demo printer, the order becomes ready: the mail carries the same pickup code as the page.
  await expect(page.getByTestId('order-page')).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
  const code = (await page.getByTestId('pickup-code').textContent())!.trim();
  await openCaughtMail(page, `Ready for pickup: order ${number} at ${SHOP}`);
  await expect(page.locator('pre')).toContainText(`Pickup code: ${code}`);
  await expect(page.locator('pre')).toContainText('Directions: https://www.openstreetmap.org/directions?route=');
  await openHtmlPart(page, 'ready-mail');
  await page.getByRole('link', { name: 'Open your order' }).click();
  await page.waitForURL(new RegExp(`/orders/${orderId}$`));
  await expect(page.getByTestId('pickup-code')).toHaveText(code);

  await page.goto('/dev/mail');
  await page.screenshot({ path: test.info().outputPath('caught-mail-list.png'), fullPage: true });
});

test('caught mail is not there for a mail id that does not exist, nor for a path that tries to leave the folder', async ({ page }) => {
  for (const id of ['0000-0000', '..%2F..%2Fsecrets', 'A'.repeat(200)]) {
    expect((await page.request.get(`/dev/mail/${id}`)).status()).toBe(404);
    expect((await page.request.get(`/dev/mail/${id}/html`)).status()).toBe(404);
  }
});
