import { degrees, PDFDocument, rgb } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { meanColor, renderWithPoppler } from '@/lib/documents/fixtures/poppler';
import { getPageGeometry } from '@/lib/documents/get-page-geometry';
import { savePdf } from '@/lib/documents/save-pdf';
import { forceMono } from './force-mono';

describe('forceMono', () => {
  it('greys the forced pages, keeping how they show (Ghostscript may bake /Rotate and the crop into the page)', async () => {
    const doc = await PDFDocument.create();
    for (let i = 0; i < 3; i++) {
      const page = doc.addPage([600, 800]);
      page.drawRectangle({ x: 0, y: 0, width: 600, height: 800, color: rgb(0.9, 0.2, 0.1) });
      page.drawText(`Page ${i + 1}`, { x: 50, y: 700, size: 30 });
    }
    doc.getPage(1).setRotation(degrees(90));
    doc.getPage(1).setCropBox(50, 50, 500, 700);
    const shown = (d: PDFDocument) => d.getPages().map((p) => ({ widthPt: getPageGeometry(p).widthPt, heightPt: getPageGeometry(p).heightPt }));
    const before = shown(doc);

    await forceMono([2, 3, 99])(doc);
    const after = await PDFDocument.load(await savePdf(doc));
    expect(shown(after)).toEqual(before);

    const chroma = async (n: number) => {
      const [r, g, b] = meanColor(await renderWithPoppler(await after.save(), n), { x0: 0.3, y0: 0.3, x1: 0.7, y1: 0.7 });
      return Math.max(r, g, b) - Math.min(r, g, b);
    };
    expect(await chroma(1)).toBeGreaterThan(150);
    expect(await chroma(2)).toBeLessThanOrEqual(2);
    expect(await chroma(3)).toBeLessThanOrEqual(2);
  });

  it('does nothing when no page is forced', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    const [page] = doc.getPages();
    await forceMono([])(doc);
    expect(doc.getPage(0)).toBe(page);
  });
});
