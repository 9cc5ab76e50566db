import { degrees, PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { MEDIA } from '@/lib/job-options/media';
import { getPageGeometry } from '@/lib/documents/get-page-geometry';
import { savePdf } from '@/lib/documents/save-pdf';
import { contentRefs, fitToMedia } from './fit-to-media';

const A4 = MEDIA.iso_a4_210x297mm;

describe('fitToMedia', () => {
  it('puts every page on a portrait sheet of the media, whatever its size, crop or rotation', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([612, 792]);
    doc.addPage([842, 595]);
    doc.addPage([595, 842]).setRotation(degrees(90));
    doc.addPage([1000, 1000]).setCropBox(100, 100, 200, 300);
    await fitToMedia('iso_a4_210x297mm')(doc);
    const reloaded = await PDFDocument.load(await savePdf(doc));
    for (const page of reloaded.getPages()) {
      expect(getPageGeometry(page)).toMatchObject({ widthPt: A4.widthPt, heightPt: A4.heightPt, rotation: 0 });
    }
  });

  it('wraps the original content instead of copying it', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([842, 595]);
    page.drawText('landscape');
    const [original] = contentRefs(page);
    await fitToMedia('iso_a4_210x297mm')(doc);
    const refs = contentRefs(page);
    expect(refs).toHaveLength(3);
    expect(refs[1]).toBe(original);
  });

  it('leaves a page that already is the media untouched', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([A4.widthPt, A4.heightPt]);
    page.drawText('as is');
    const before = contentRefs(page);
    await fitToMedia('iso_a4_210x297mm')(doc);
    expect(contentRefs(page)).toEqual(before);
  });
});
