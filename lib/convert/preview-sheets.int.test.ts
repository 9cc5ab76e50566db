import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { makeSolidPagesPdf } from '@/lib/documents/fixtures/make-fixtures';
import type { TJobOptions } from '@/lib/job-options/job-options';
import { imposeJob } from './impose-job';
import { firstSheetsSelection, previewSheets } from './preview-sheets';
import { runPipeline } from './run-pipeline';

const RED: [number, number, number] = [1, 0, 0];
const GREEN: [number, number, number] = [0, 0.8, 0];
const BLUE: [number, number, number] = [0, 0, 1];
const YELLOW: [number, number, number] = [1, 0.9, 0];
const COLOURS = [RED, GREEN, BLUE, YELLOW, RED, GREEN, BLUE, YELLOW, RED, GREEN];

const job = (overrides: Partial<TJobOptions>): TJobOptions => ({
  media: 'iso_a4_210x297mm',
  colorMode: 'color',
  sides: 'one-sided',
  copies: 1,
  pagesPerSheet: 1,
  finishing: 'none',
  ...overrides,
});

/** The colour at a point given as a fraction of the image's width and height. */
async function colourAt(png: Buffer, x: number, y: number): Promise<[number, number, number]> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const offset = (Math.floor(y * info.height) * info.width + Math.floor(x * info.width)) * info.channels;
  return [data[offset], data[offset + 1], data[offset + 2]];
}

function nameOf([r, g, b]: [number, number, number]): string {
  if (r > 200 && g > 180 && b < 80) return 'yellow';
  if (r > 200 && g < 80 && b < 80) return 'red';
  if (g > 150 && r < 80 && b < 80) return 'green';
  if (b > 200 && r < 80 && g < 80) return 'blue';
  return `rgb(${r},${g},${b})`;
}

describe('previewSheets', () => {
  it('shows 2-up two-sided as the printer prints it: the imposed PDF of the first sheets, landscape sides, pages left to right, front then back', async () => {
    const bytes = await makeSolidPagesPdf(COLOURS);
    const options = job({ pagesPerSheet: 2, sides: 'two-sided-long-edge' });
    const selectedPages = COLOURS.map((_, i) => i + 1);

    const preview = await previewSheets([{ bytes, selectedPages }], options, { maxSheets: 2 });

    // The real pipeline prints 10 pages 2-up two-sided on 3 sheets (6 sides, the last one blank).
    const full = await runPipeline({ bytes }, options, { documentFormats: ['application/pdf'], canCopy: true, isColor: true });
    expect(full.sheetCount).toBe(3);
    expect(preview.totalSheets).toBe(full.sheetCount);
    // Two sheets shown: four printed sides, from the same imposition step the pipeline runs.
    expect(preview.imposedPageCount).toBe(4);
    expect(preview.images.map((i) => `${i.sheetNumber}:${i.side}`)).toEqual(['1:front', '1:back', '2:front', '2:back']);
    for (const image of preview.images) {
      expect(image.isLandscape).toBe(true);
      expect(image.widthPx).toBeGreaterThan(image.heightPx);
      const meta = await sharp(image.png).metadata();
      expect([meta.width, meta.height]).toEqual([image.widthPx, image.heightPx]);
    }
    // Page placement: page 1 left and page 2 right on the front of sheet 1, pages 3 and 4 on its back…
    const placed = [];
    for (const image of preview.images) placed.push([nameOf(await colourAt(image.png, 0.25, 0.5)), nameOf(await colourAt(image.png, 0.75, 0.5))]);
    expect(placed).toEqual([
      ['red', 'green'],
      ['blue', 'yellow'],
      ['red', 'green'],
      ['blue', 'yellow'],
    ]);
  });

  it('renders the same pages the worker imposes, page for page', async () => {
    const bytes = await makeSolidPagesPdf(COLOURS.slice(0, 4));
    const options = job({ pagesPerSheet: 4 });
    const imposed = await imposeJob([{ bytes }], options);
    const preview = await previewSheets([{ bytes, selectedPages: [1, 2, 3, 4] }], options);
    expect(preview.imposedPageCount).toBe(imposed.doc.getPageCount());
    expect(preview.images).toHaveLength(1);
    // 4-up portrait pages: a portrait sheet, a 2×2 grid in reading order.
    const [image] = preview.images;
    expect(image.isLandscape).toBe(false);
    expect(image.heightPx).toBeGreaterThan(image.widthPx);
    const grid = [];
    for (const [x, y] of [
      [0.25, 0.25],
      [0.75, 0.25],
      [0.25, 0.75],
      [0.75, 0.75],
    ])
      grid.push(nameOf(await colourAt(image.png, x, y)));
    expect(grid).toEqual(['red', 'green', 'blue', 'yellow']);
  });

  it('prints grey when the job is black & white', async () => {
    const bytes = await makeSolidPagesPdf([RED]);
    const preview = await previewSheets([{ bytes, selectedPages: [1] }], job({ colorMode: 'monochrome' }));
    const [r, g, b] = await colourAt(preview.images[0].png, 0.5, 0.5);
    expect(r).toBe(g);
    expect(g).toBe(b);
  });
});

describe('firstSheetsSelection', () => {
  it('counts each document on fresh sheets and keeps only the pages of the first sheets', () => {
    const docs = [
      { selectedPages: [1, 2, 3], forcedMonoPages: [3] },
      { selectedPages: [1, 2, 3, 4, 5, 6, 7, 8, 9], forcedMonoPages: [2, 9] },
    ];
    const result = firstSheetsSelection(docs, { pagesPerSheet: 2, sides: 'two-sided-long-edge' }, 2);
    // 3 pages → 1 sheet; 9 pages → 3 sheets (4 pages a sheet).
    expect(result.totalSheets).toBe(4);
    expect(result.documents).toEqual([
      { selectedPages: [1, 2, 3], forcedMonoPages: [3] },
      { selectedPages: [1, 2, 3, 4], forcedMonoPages: [2] },
    ]);
    expect(firstSheetsSelection(docs, { pagesPerSheet: 1, sides: 'one-sided' }, 2).documents).toEqual([{ selectedPages: [1, 2], forcedMonoPages: [] }]);
  });
});
