import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { makeSolidPagesPdf } from './fixtures/make-fixtures';
import { inspectDocument } from './inspect-document';

describe('thumbnails', () => {
  it('are made for every page during inspection (the web never renders one)', async () => {
    const colors = Array.from({ length: 12 }, (_, i): [number, number, number] => (i % 2 ? [0, 0, 1] : [1, 0, 0]));
    const inspection = await inspectDocument(await makeSolidPagesPdf(colors));
    expect(inspection.thumbnails.map((t) => [t.pageNumber, t.widthPx])).toEqual(Array.from({ length: 12 }, (_, i) => [i + 1, 200]));
    for (const thumbnail of inspection.thumbnails) {
      const { dominant } = await sharp(thumbnail.png).stats();
      const isBlue = thumbnail.pageNumber % 2 === 0;
      expect(isBlue ? dominant.b : dominant.r).toBeGreaterThan(200);
    }
  });

  it('can be limited to the first pages', async () => {
    const inspection = await inspectDocument(
      await makeSolidPagesPdf([
        [0, 0, 0],
        [1, 1, 1],
        [0, 0, 0],
      ]),
      { thumbnailCount: 2 },
    );
    expect(inspection.thumbnails.map((t) => t.pageNumber)).toEqual([1, 2]);
  });
});
