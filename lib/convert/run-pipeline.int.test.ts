import { describe, expect, it } from 'vitest';
import type { TJobOptions } from '@/lib/job-options/job-options';
import { MEDIA } from '@/lib/job-options/media';
import { CHINESE_TEXT, LETTER, makeColorCasePdf, makeMarkerPdf, makePhotoJpeg, makeSolidPagesPdf, makeTextPdf } from '@/lib/documents/fixtures/make-fixtures';
import { meanColor, pdfInfo, renderWithPoppler } from '@/lib/documents/fixtures/poppler';
import { readPwgRaster } from '@/lib/raster/read-pwg-raster';
import { runPipeline } from './run-pipeline';

const job = (overrides: Partial<TJobOptions> = {}): TJobOptions => ({
  media: 'iso_a4_210x297mm',
  colorMode: 'auto',
  sides: 'one-sided',
  copies: 1,
  pagesPerSheet: 1,
  finishing: 'none',
  ...overrides,
});
const pdfPrinter = { documentFormats: ['application/pdf', 'image/pwg-raster'], isColor: true };
const rasterPrinter = { documentFormats: ['image/pwg-raster', 'image/jpeg'], resolutionsDpi: [150, 300, 600], isColor: true };
const A4 = MEDIA.iso_a4_210x297mm;

const RED: [number, number, number] = [1, 0, 0];
const GREEN: [number, number, number] = [0, 1, 0];
const BLUE: [number, number, number] = [0, 0, 1];
const BLACK: [number, number, number] = [0, 0, 0];

/** Which of the named colours a sampled region is. */
function colourAt(image: Awaited<ReturnType<typeof renderWithPoppler>>, x: number, y: number): string {
  const [r, g, b] = meanColor(image, { x0: x - 0.05, y0: y - 0.05, x1: x + 0.05, y1: y + 0.05 });
  if (r > 200 && g < 80 && b < 80) return 'red';
  if (g > 200 && r < 80 && b < 80) return 'green';
  if (b > 200 && r < 80 && g < 80) return 'blue';
  if (r < 60 && g < 60 && b < 60) return 'black';
  if (r > 200 && g > 200 && b > 200) return 'white';
  return `rgb(${r},${g},${b})`;
}

describe('runPipeline', () => {
  const mixed = () => makeTextPdf([{}, { size: LETTER }, { size: [841.89, 595.28] }, { rotate: 90 }, { cropBox: [50, 50, 300, 400] }]);

  describe('PDF path', () => {
    it('puts every page on the job media, checked with pdfinfo', async () => {
      const result = await runPipeline({ bytes: await mixed() }, job({ media: 'na_letter_8.5x11in' }), pdfPrinter);
      expect(result).toMatchObject({ format: 'application/pdf', pageCount: 5, sheetCount: 5, copiesForPrinter: 1, resolutionDpi: null });
      const info = pdfInfo(result.data);
      expect(info.pageCount).toBe(5);
      expect(info.sizes).toEqual(Array(5).fill([612, 792]));
    });

    it('turns landscape content a quarter counter-clockwise onto the portrait sheet', async () => {
      const result = await runPipeline({ bytes: await makeMarkerPdf([841.89, 595.28]) }, job(), pdfPrinter);
      const page = await renderWithPoppler(result.data, 1);
      // The marker sat top-left on the landscape page: it is now bottom-left.
      expect(colourAt(page, 0.15, 0.85)).toBe('red');
      expect(colourAt(page, 0.15, 0.15)).toBe('white');
    });

    it('2-up: portrait pages side by side, reading order kept once the sheet is turned', async () => {
      const result = await runPipeline({ bytes: await makeSolidPagesPdf([RED, GREEN, BLUE, BLACK, RED]) }, job({ pagesPerSheet: 2 }), pdfPrinter);
      expect(result.pageCount).toBe(3);
      expect(pdfInfo(result.data).sizes[0]).toEqual([A4.widthPt, A4.heightPt]);
      const sheet = await renderWithPoppler(result.data, 1);
      // Landscape sheet turned counter-clockwise: its left cell (page 1) is at the bottom.
      expect([colourAt(sheet, 0.5, 0.75), colourAt(sheet, 0.5, 0.25)]).toEqual(['red', 'green']);
      const last = await renderWithPoppler(result.data, 3);
      expect([colourAt(last, 0.5, 0.75), colourAt(last, 0.5, 0.25)]).toEqual(['red', 'white']);
    });

    it('2-up: landscape pages one above the other', async () => {
      const result = await runPipeline({ bytes: await makeSolidPagesPdf([RED, GREEN], [A4.heightPt, A4.widthPt]) }, job({ pagesPerSheet: 2 }), pdfPrinter);
      const sheet = await renderWithPoppler(result.data, 1);
      expect([colourAt(sheet, 0.5, 0.25), colourAt(sheet, 0.5, 0.75)]).toEqual(['red', 'green']);
    });

    it('4-up: left to right, top to bottom', async () => {
      const result = await runPipeline({ bytes: await makeSolidPagesPdf([RED, GREEN, BLUE, BLACK]) }, job({ pagesPerSheet: 4 }), pdfPrinter);
      expect(result.pageCount).toBe(1);
      const sheet = await renderWithPoppler(result.data, 1);
      expect([colourAt(sheet, 0.25, 0.25), colourAt(sheet, 0.75, 0.25), colourAt(sheet, 0.25, 0.75), colourAt(sheet, 0.75, 0.75)]).toEqual(['red', 'green', 'blue', 'black']);
    });

    it('makes copies by reusing the page: 50 copies stay under 3× one copy', async () => {
      const bytes = await makeColorCasePdf('colour-photo');
      const one = await runPipeline({ bytes }, job(), pdfPrinter);
      const fifty = await runPipeline({ bytes }, job({ copies: 50 }), pdfPrinter);
      expect(pdfInfo(fifty.data).pageCount).toBe(50);
      expect(fifty.data.length).toBeLessThan(3 * one.data.length);
      const byPrinter = await runPipeline({ bytes }, job({ copies: 50 }), { ...pdfPrinter, canCopy: true });
      expect(byPrinter).toMatchObject({ pageCount: 1, copiesForPrinter: 50 });
    });

    it('prints only the selected pages', async () => {
      const result = await runPipeline({ bytes: await makeSolidPagesPdf([RED, GREEN, BLUE]) }, job({ pageRanges: '2-' }), pdfPrinter);
      expect(result.pageCount).toBe(2);
      expect(colourAt(await renderWithPoppler(result.data, 1), 0.5, 0.5)).toBe('green');
      await expect(runPipeline({ bytes: await makeSolidPagesPdf([RED]) }, job({ pageRanges: '3-4' }), pdfPrinter)).rejects.toMatchObject({
        code: 'invalid_page_range',
      });
    });

    it('turns the pages the customer forced to mono grey, and only those', async () => {
      const bytes = await makeSolidPagesPdf([RED, RED, BLUE]);
      const result = await runPipeline({ bytes, forcedMonoPages: [2, 3] }, job({ pageRanges: '2-3,1' }), pdfPrinter);
      const pages = await Promise.all([1, 2, 3].map((n) => renderWithPoppler(result.data, n)));
      expect(colourAt(pages[0], 0.5, 0.5)).toBe('red');
      for (const page of pages.slice(1)) {
        const [r, g, b] = meanColor(page, { x0: 0.2, y0: 0.2, x1: 0.8, y1: 0.8 });
        expect(Math.max(r, g, b) - Math.min(r, g, b)).toBeLessThanOrEqual(2);
      }
    });

    it('prints a 50-photo job as 50 pages', async () => {
      const photos = await Promise.all(Array.from({ length: 50 }, (_, i) => makePhotoJpeg({ width: 600 + i, height: 400 })));
      const result = await runPipeline(
        photos.map((bytes) => ({ bytes })),
        job(),
        pdfPrinter,
      );
      const info = pdfInfo(result.data);
      expect(info.pageCount).toBe(50);
      expect(info.sizes.every(([w, h]) => w === A4.widthPt && h === A4.heightPt)).toBe(true);
    });

    it('starts each document of a two-sided job on a new sheet', async () => {
      const result = await runPipeline([{ bytes: await makeSolidPagesPdf([RED, RED, RED]) }, { bytes: await makeSolidPagesPdf([GREEN, GREEN]) }], job({ sides: 'two-sided-long-edge' }), pdfPrinter);
      expect(result).toMatchObject({ pageCount: 6, sheetCount: 3, sides: 'two-sided-long-edge' });
      expect(colourAt(await renderWithPoppler(result.data, 4), 0.5, 0.5)).toBe('white');
      expect(colourAt(await renderWithPoppler(result.data, 5), 0.5, 0.5)).toBe('green');
    });
  });

  describe('PWG raster path', () => {
    it('rasterises at 300 dpi in sRGB, one header per page, sized to the media', async () => {
      const progress: number[] = [];
      const result = await runPipeline({ bytes: await mixed() }, job(), rasterPrinter, { onProgress: (p) => progress.push(p.pagesDone) });
      expect(result).toMatchObject({ format: 'image/pwg-raster', pageCount: 5, resolutionDpi: 300, printColorMode: 'color' });
      const pages = readPwgRaster(result.data);
      expect(pages).toHaveLength(5);
      for (const page of pages) {
        expect(page).toMatchObject({ hwResolution: [300, 300], widthPx: 2480, heightPx: 3508, colorSpace: 19, bitsPerPixel: 24, isDuplex: false });
      }
      expect(progress.at(-1)).toBe(5);
    });

    it('uses grey for a mono printer and the printer resolution it offers', async () => {
      const result = await runPipeline({ bytes: Buffer.from(CHINESE_TEXT) }, job({ media: 'iso_a5_148x210mm' }), {
        documentFormats: ['image/pwg-raster'],
        resolutionsDpi: [600],
        isColor: false,
      });
      expect(result.printColorMode).toBe('monochrome');
      const pages = readPwgRaster(result.data);
      expect(pages).toHaveLength(1);
      expect(pages[0]).toMatchObject({ hwResolution: [600, 600], colorSpace: 18, bitsPerPixel: 8, widthPx: 3496 });
    });

    it('marks two-sided jobs in the header, with tumble for short-edge binding', async () => {
      const long = readPwgRaster((await runPipeline({ bytes: await makeSolidPagesPdf([RED, GREEN]) }, job({ sides: 'two-sided-long-edge', colorMode: 'monochrome' }), rasterPrinter)).data);
      expect(long.map((p) => [p.isDuplex, p.isTumble, p.colorSpace])).toEqual([
        [true, false, 18],
        [true, false, 18],
      ]);
      const short = readPwgRaster((await runPipeline({ bytes: await makeSolidPagesPdf([RED, GREEN]) }, job({ sides: 'two-sided-short-edge' }), rasterPrinter)).data);
      expect(short.map((p) => p.isTumble)).toEqual([true, true]);
    });

    it('rasterises a photo job with copies the printer cannot make', async () => {
      const photos = await Promise.all(Array.from({ length: 3 }, () => makePhotoJpeg({ width: 900, height: 600, orientation: 6 })));
      const result = await runPipeline(
        photos.map((bytes) => ({ bytes })),
        job({ copies: 2 }),
        { ...rasterPrinter, resolutionsDpi: [150] },
      );
      expect(readPwgRaster(result.data).map((p) => [p.widthPx, p.heightPx])).toEqual(Array(6).fill([1240, 1754]));
    });
  });

  it('refuses a printer that takes neither PDF nor PWG raster', async () => {
    await expect(runPipeline({ bytes: await mixed() }, job(), { documentFormats: ['image/urf'], isColor: true })).rejects.toMatchObject({
      code: 'printer_unsupported',
    });
  });
});
