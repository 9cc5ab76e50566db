import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { makeSolidPagesPdf } from './fixtures/make-fixtures';
import { inspectDocument } from './inspect-document';
import { renderThumbnails } from './render-thumbnails';

describe('renderThumbnails', () => {
  it('renders the page map beyond the first thumbnails on demand', async () => {
    const colors = Array.from({ length: 12 }, (_, i): [number, number, number] => (i % 2 ? [0, 0, 1] : [1, 0, 0]));
    const inspection = await inspectDocument(await makeSolidPagesPdf(colors));
    expect(inspection.thumbnails).toHaveLength(6);

    const rest = await renderThumbnails(inspection.pdf, inspection.pages.slice(6));
    expect(rest.map((t) => [t.pageNumber, t.widthPx])).toEqual([7, 8, 9, 10, 11, 12].map((n) => [n, 200]));
    for (const thumbnail of rest) {
      const { dominant } = await sharp(thumbnail.png).stats();
      const isBlue = thumbnail.pageNumber % 2 === 0;
      expect(isBlue ? dominant.b : dominant.r).toBeGreaterThan(200);
    }
  });

  it('renders nothing for no pages', async () => {
    expect(await renderThumbnails(new Uint8Array(), [])).toEqual([]);
  });
});
