import { expect, test, type Page } from '@playwright/test';
import { makeSolidPagesPdf } from '@/lib/documents/fixtures/make-fixtures';
import { DEMO, signIn } from './fixtures/accounts';

async function liffeyShopId(page: Page): Promise<string> {
  const response = await page.request.get('/api/shops/search?lat=53.3467&lng=-6.2593&radiusKm=1&pageCount=1&sort=nearest');
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { results: { shop: { id: string; name: string } }[] };
  const result = body.results.find((r) => r.shop.name === 'Liffey Print Hub');
  expect(result, 'Liffey Print Hub in search').toBeTruthy();
  return result!.shop.id;
}

/** The preview's sheets as `sheet:side:orientation`, once the preview for the current options has arrived. */
async function shownSheets(page: Page): Promise<string[]> {
  const preview = page.getByTestId('layout-preview');
  await expect(preview).toHaveAttribute('aria-busy', 'false', { timeout: 30_000 });
  return preview.getByTestId('preview-sheet').evaluateAll((images) => images.map((i) => `${i.getAttribute('data-sheet')}:${i.getAttribute('data-side')}:${i.getAttribute('data-orientation')}`));
}

test('before paying, the order form shows the first sheets as printed, and redraws them when pages per sheet or sides change', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, DEMO.customer);
  await page.goto(`/order/new?shopId=${await liffeyShopId(page)}&copies=3`);
  await expect(page.getByTestId('layout-preview')).toHaveCount(0);

  const pdf = Buffer.from(
    await makeSolidPagesPdf([
      [0.85, 0.1, 0.1],
      [0.1, 0.6, 0.1],
      [0.1, 0.1, 0.85],
    ]),
  );
  await page.getByLabel('Choose files to print').setInputFiles({ name: 'three.pdf', mimeType: 'application/pdf', buffer: pdf });
  await expect(page.getByTestId('preview-sheet').first()).toBeVisible({ timeout: 30_000 });
  expect(await shownSheets(page)).toEqual(['1:single:portrait', '2:single:portrait']);
  await expect(page.getByTestId('layout-preview')).toContainText('The first 2 sheets of 3');
  const oneUp = await page.getByTestId('layout-preview').getAttribute('data-preview-key');

  await page.getByLabel('Pages per sheet').selectOption('2');
  await expect(page.getByTestId('layout-preview')).not.toHaveAttribute('data-preview-key', oneUp!, { timeout: 30_000 });
  expect(await shownSheets(page)).toEqual(['1:single:landscape', '2:single:landscape']);

  await page.getByLabel('Sides').selectOption('two-sided-long-edge');
  await expect.poll(() => shownSheets(page), { timeout: 30_000 }).toEqual(['1:front:landscape', '1:back:landscape']);
  await expect(page.getByTestId('layout-preview')).toContainText('Your job on 1 sheet');
  await expect(page.getByRole('img', { name: 'Sheet 1, back, as printed' })).toBeVisible();

  // For looking at (docs/screenshots/): the form on a desktop and the preview on a phone.
  await page.screenshot({ path: test.info().outputPath('layout-preview-desktop.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId('layout-preview').scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('layout-preview-phone.png') });
});
