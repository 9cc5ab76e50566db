import { PDFDict, PDFDocument, PDFName, type PDFRef, PDFStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { MEDIA } from '@/lib/job-options/media';
import { savePdf } from '@/lib/documents/save-pdf';
import { nUp } from './n-up';

const A4 = MEDIA.iso_a4_210x297mm;

async function docOf(sizes: [number, number][]) {
  const doc = await PDFDocument.create();
  for (const size of sizes) doc.addPage(size).drawText(`${size}`);
  return doc;
}

function drawnXObjects(doc: PDFDocument, sheetIndex: number): PDFRef[] {
  const resources = doc.getPage(sheetIndex).node.Resources()!;
  const xObjects = resources.lookup(PDFName.of('XObject'), PDFDict);
  return xObjects.entries().map(([, ref]) => ref as PDFRef);
}

describe('nUp', () => {
  it('2-up puts portrait pages on landscape sheets, two per sheet', async () => {
    const doc = await nUp(2, 'iso_a4_210x297mm')(await docOf(Array(5).fill([A4.widthPt, A4.heightPt])));
    expect(doc.getPageCount()).toBe(3);
    expect(doc.getPage(0).getSize()).toEqual({ width: A4.heightPt, height: A4.widthPt });
    expect(drawnXObjects(doc, 0)).toHaveLength(2);
    expect(drawnXObjects(doc, 2)).toHaveLength(1);
  });

  it('2-up puts landscape pages one above the other on portrait sheets', async () => {
    const doc = await nUp(2, 'iso_a4_210x297mm')(await docOf(Array(4).fill([A4.heightPt, A4.widthPt])));
    expect(doc.getPageCount()).toBe(2);
    expect(doc.getPage(0).getSize()).toEqual({ width: A4.widthPt, height: A4.heightPt });
  });

  it('4-up uses a sheet of the pages own orientation', async () => {
    const portrait = await nUp(4, 'iso_a4_210x297mm')(await docOf(Array(9).fill([A4.widthPt, A4.heightPt])));
    expect(portrait.getPageCount()).toBe(3);
    expect(portrait.getPage(0).getSize()).toEqual({ width: A4.widthPt, height: A4.heightPt });
    const landscape = await nUp(4, 'iso_a4_210x297mm')(await docOf(Array(4).fill([A4.heightPt, A4.widthPt])));
    expect(landscape.getPage(0).getSize()).toEqual({ width: A4.heightPt, height: A4.widthPt });
  });

  it('embeds each source page once and drops the originals from the output', async () => {
    const doc = await docOf(Array(8).fill([A4.widthPt, A4.heightPt]));
    const imposed = await nUp(4, 'iso_a4_210x297mm')(doc);
    const reloaded = await PDFDocument.load(await savePdf(imposed));
    expect(reloaded.getPageCount()).toBe(2);
    const forms = reloaded.context.enumerateIndirectObjects().filter(([, object]) => object instanceof PDFStream && object.dict.get(PDFName.of('Subtype')) === PDFName.of('Form'));
    expect(forms).toHaveLength(8);
    const pageObjects = reloaded.context.enumerateIndirectObjects().filter(([, object]) => object instanceof PDFDict && object.get(PDFName.of('Type')) === PDFName.of('Page'));
    expect(pageObjects).toHaveLength(2);
  });

  it('is a no-op for one page per sheet', async () => {
    const doc = await docOf([[300, 400]]);
    expect((await nUp(1, 'iso_a4_210x297mm')(doc)).getPage(0).getSize()).toEqual({ width: 300, height: 400 });
  });
});
