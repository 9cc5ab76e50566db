import { expect, test } from '@playwright/test';
import { encryptPdf, makeDocx, makeSolidPagesPdf } from '@/lib/documents/fixtures/make-fixtures';
import { flatPresentation, flatTextDocument, saveWithLibreOffice } from '@/lib/documents/fixtures/make-office-files';
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

test('a customer uploads Office files made by LibreOffice: the picker offers them, pages are counted, a damaged one is explained', async ({ page }) => {
  test.setTimeout(180_000);
  const [report, slides] = await Promise.all([saveWithLibreOffice(flatTextDocument({ pages: 3 }), 'docx'), saveWithLibreOffice(flatPresentation({ slides: 2 }), 'pptx')]);
  await signIn(page, DEMO.customer);
  await page.goto(`/order/new?shopId=${await liffeyShopId(page)}&copies=3`);

  // This deployment has LibreOffice (system-deps installs it), so the picker offers Office types.
  const picker = page.getByLabel('Choose files to print');
  await expect(picker).toHaveAttribute('accept', /\.docx.*\.xlsx.*\.pptx.*\.odt/);
  await expect(page.getByTestId('upload-types')).toContainText('Word, Excel, PowerPoint, OpenDocument');

  await picker.setInputFiles([
    { name: 'report.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: report },
    { name: 'slides.pptx', mimeType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', buffer: slides },
    { name: 'broken.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: makeDocx() },
  ]);
  const row = (name: string) => page.getByTestId('document-row').filter({ hasText: name });
  await expect(row('report.docx').getByTestId('document-status')).toHaveText('3 pages, 0 in colour', { timeout: 60_000 });
  await expect(row('slides.pptx').getByTestId('document-status')).toHaveText(/^2 pages/, { timeout: 60_000 });
  await expect(row('broken.docx').getByTestId('document-status')).toContainText('This Office document is damaged', { timeout: 60_000 });
  await row('slides.pptx').getByRole('button', { name: 'Show pages' }).click();
  const slideMap = row('slides.pptx').getByTestId('page-map');
  await expect(slideMap.locator('[data-page]')).toHaveCount(2);
  await expect.poll(() => slideMap.locator('img').evaluateAll((images) => images.every((image) => (image as HTMLImageElement).naturalWidth > 0))).toBe(true);
  await page.screenshot({ path: test.info().outputPath('office-upload.png'), fullPage: true });

  // Priced on the pages LibreOffice laid out: 3 from the document, 2 (colour) slides.
  await row('broken.docx').getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByTestId('quote-total')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('quote')).toContainText(/3 black & white pages.*2 colour pages/);
});
