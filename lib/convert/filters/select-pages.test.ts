import { PDFDocument, PDFName, PDFNumber, PDFPageTree, type PDFRef } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { savePdf } from '@/lib/documents/save-pdf';
import { selectPages } from './select-pages';

/** Pages told apart by width: page n is 500+n points wide. */
async function numberedDoc(count: number) {
  const doc = await PDFDocument.create();
  for (let n = 1; n <= count; n++) doc.addPage([500 + n, 700]);
  return doc;
}
const numbers = (doc: PDFDocument) => doc.getPages().map((p) => p.getWidth() - 500);

describe('selectPages', () => {
  it('keeps the selected pages in ascending order', async () => {
    const doc = await selectPages('8-,1-2,5')(await numberedDoc(10));
    expect(numbers(doc)).toEqual([1, 2, 5, 8, 9, 10]);
    const reloaded = await PDFDocument.load(await savePdf(doc));
    expect(numbers(reloaded)).toEqual([1, 2, 5, 8, 9, 10]);
  });

  it('keeps everything without ranges', async () => {
    expect(numbers(await selectPages(undefined)(await numberedDoc(3)))).toEqual([1, 2, 3]);
  });

  it('keeps the size a page inherited from a nested page tree node', async () => {
    const doc = await numberedDoc(3);
    const { context } = doc;
    const rootRef = doc.catalog.get(PDFName.of('Pages')) as PDFRef;
    const page = doc.getPage(1);
    const middle = PDFPageTree.withContext(context, rootRef);
    const middleRef = context.register(middle);
    middle.set(PDFName.of('MediaBox'), context.obj([0, 0, 777, 700]));
    middle.Kids().push(page.ref);
    middle.set(PDFName.of('Count'), PDFNumber.of(1));
    const kids = doc.catalog.Pages().Kids();
    kids.set(kids.indexOf(page.ref)!, middleRef);
    page.node.setParent(middleRef);
    page.node.delete(PDFName.of('MediaBox'));
    const nested = await PDFDocument.load(await doc.save());
    expect(nested.getPage(1).getWidth()).toBe(777);

    const selected = await selectPages('2-3')(nested);
    const reloaded = await PDFDocument.load(await savePdf(selected));
    expect(reloaded.getPages().map((p) => p.getWidth())).toEqual([777, 503]);
  });

  it('refuses a selection outside the document', async () => {
    await expect(selectPages('4-6')(await numberedDoc(3))).rejects.toMatchObject({ code: 'invalid_page_range' });
  });
});
