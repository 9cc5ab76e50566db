import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { makePhotoJpeg } from '@/lib/documents/fixtures/make-fixtures';
import { savePdf } from '@/lib/documents/save-pdf';
import { collateCopies } from './collate-copies';

async function numberedDoc(count: number) {
  const doc = await PDFDocument.create();
  for (let n = 1; n <= count; n++) doc.addPage([500 + n, 700]);
  return doc;
}
const numbers = (doc: PDFDocument) => doc.getPages().map((p) => p.getWidth() - 500);

describe('collateCopies', () => {
  it('repeats the document collated', async () => {
    expect(numbers(await collateCopies(2)(await numberedDoc(3)))).toEqual([1, 2, 3, 1, 2, 3]);
  });

  it('repeats each page uncollated', async () => {
    expect(numbers(await collateCopies(3, { isCollated: false })(await numberedDoc(2)))).toEqual([1, 1, 1, 2, 2, 2]);
  });

  it('starts each two-sided copy on a new sheet, and repeats sheets when uncollated', async () => {
    const collated = await collateCopies(2, { isDuplex: true })(await numberedDoc(3));
    expect(collated.getPageCount()).toBe(8);
    expect(numbers(collated).slice(4, 7)).toEqual([1, 2, 3]);
    const uncollated = await collateCopies(2, { isDuplex: true, isCollated: false })(await numberedDoc(4));
    expect(numbers(uncollated)).toEqual([1, 2, 1, 2, 3, 4, 3, 4]);
  });

  it('is a no-op for one copy', async () => {
    expect(numbers(await collateCopies(1, { isDuplex: true })(await numberedDoc(3)))).toEqual([1, 2, 3]);
  });

  it('grows the output with distinct pages, not with copies: 50 copies < 3× one copy', async () => {
    const make = async () => {
      const doc = await PDFDocument.create();
      const page = doc.addPage([595.28, 841.89]);
      page.drawImage(await doc.embedJpg(await makePhotoJpeg({ width: 600, height: 800 })), { x: 0, y: 0, width: 595.28, height: 841.89 });
      page.drawText('Hello', { x: 50, y: 50 });
      return doc;
    };
    const one = await savePdf(await make());
    const fifty = await savePdf(await collateCopies(50)(await make()));
    expect((await PDFDocument.load(fifty)).getPageCount()).toBe(50);
    expect(fifty.length).toBeLessThan(3 * one.length);
  });
});
