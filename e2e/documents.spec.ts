import { expect, test } from '@playwright/test';
import { encryptPdf, makeSolidPagesPdf } from '@/lib/documents/fixtures/make-fixtures';
import { DEMO, signIn } from './fixtures/accounts';

/** The demo shop with colour, A4 and a job fee, so prices are easy to read. */
async function liffeyShopId(page: import('@playwright/test').Page): Promise<string> {
  const response = await page.request.get('/api/shops/search?lat=53.3467&lng=-6.2593&radiusKm=1&pageCount=1&sort=nearest');
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { results: { shop: { id: string; name: string } }[] };
  const result = body.results.find((r) => r.shop.name === 'Liffey Print Hub');
  expect(result, 'Liffey Print Hub in search').toBeTruthy();
  return result!.shop.id;
}

test('a customer uploads several files at once: good ones are inspected, bad ones get clear messages', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, DEMO.customer);
  await page.goto(`/order/new?shopId=${await liffeyShopId(page)}&copies=3`); // above the shop’s minimum charge

  const report = Buffer.from(
    await makeSolidPagesPdf([
      [0, 0, 0],
      [0.85, 0.1, 0.1],
      [0.4, 0.4, 0.4],
      [0, 0, 0],
    ]),
  );
  const locked = encryptPdf(await makeSolidPagesPdf([[0, 0, 0]]), { userPassword: 'secret' });
  await page.getByLabel('Choose files to print').setInputFiles([
    { name: 'report.pdf', mimeType: 'application/pdf', buffer: report },
    { name: 'locked.pdf', mimeType: 'application/pdf', buffer: locked },
    { name: 'empty.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(0) },
    { name: 'holiday.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('MZ this is really a Windows program, not a photo') },
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('打印这份文件，谢谢。\nPrint this, thanks.\n') },
  ]);

  const row = (name: string) => page.getByTestId('document-row').filter({ hasText: name });
  await expect(row('report.pdf').getByTestId('document-status')).toHaveText('4 pages, 1 in colour', { timeout: 30_000 });
  await expect(row('notes.txt').getByTestId('document-status')).toHaveText(/1 page/, { timeout: 30_000 });
  await expect(row('locked.pdf').getByTestId('document-status')).toContainText(/password/i, { timeout: 30_000 });
  await expect(row('empty.pdf').getByTestId('document-status')).toContainText(/empty/i);
  await expect(row('holiday.jpg').getByTestId('document-status')).toContainText(/ends in .jpg, but it is really/);

  // The quote counts only the good files; failed ones are ignored until removed.
  for (const name of ['locked.pdf', 'empty.pdf', 'holiday.jpg']) await row(name).getByRole('button', { name: 'Remove' }).click();
  const total = page.getByTestId('quote-total');
  await expect(total).toBeVisible({ timeout: 20_000 });
  const before = await total.textContent();

  // The page map marks the colour page; printing it in black & white lowers the price.
  const map = row('report.pdf').getByTestId('page-map');
  if (!(await map.isVisible())) await row('report.pdf').getByRole('button', { name: 'Show pages' }).click();
  await expect(map.locator('[data-page="2"]')).toHaveAttribute('data-color', 'true');
  await expect(map.locator('[data-page="1"]')).toHaveAttribute('data-color', 'false');
  await map.getByLabel('Print page 2 in black & white').check();
  await expect(map.locator('[data-page="2"]')).toHaveAttribute('data-color', 'false');
  await expect(total).not.toHaveText(before!);
  await expect(page.getByTestId('quote')).not.toContainText('colour page');
});
