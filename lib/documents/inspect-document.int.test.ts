import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DocumentError } from './document-error';
import {
  CHINESE_TEXT,
  encryptPdf,
  LETTER,
  makeBlankPdf,
  makeBombPng,
  makeBrokenContentPdf,
  makeColorCasePdf,
  makeDocx,
  makeEmptyPdf,
  makeOrientedJpeg,
  makePhotoJpeg,
  makePng,
  makeTextPdf,
  makeZip,
  type TColorCase,
} from './fixtures/make-fixtures';
import { meanColor, pdfFonts, renderWithPoppler } from './fixtures/poppler';
import { inspectDocument } from './inspect-document';

async function refusal(bytes: Uint8Array, options: Parameters<typeof inspectDocument>[1] = {}): Promise<DocumentError> {
  try {
    await inspectDocument(bytes, options);
  } catch (error) {
    if (error instanceof DocumentError) return error;
    throw error;
  }
  throw new Error('expected the document to be refused');
}

describe('inspectDocument', () => {
  describe('the colour rule on real pages', () => {
    const expected: Record<TColorCase, boolean> = {
      'black-text': false,
      'grey-gradient': false,
      'rich-black': false,
      'tinted-grey-scan': false,
      'small-red-logo': true,
      'colour-photo': true,
    };
    for (const [kind, isColor] of Object.entries(expected) as [TColorCase, boolean][]) {
      it(`${kind} is ${isColor ? 'colour' : 'mono'}`, async () => {
        const result = await inspectDocument(await makeColorCasePdf(kind));
        expect(result.pages[0].isColor).toBe(isColor);
        expect(result.colorPageCount).toBe(isColor ? 1 : 0);
      });
    }

    it('reports coverage with the neutral part in K: rich black carries no C/M/Y', async () => {
      const { pages } = await inspectDocument(await makeColorCasePdf('rich-black'));
      expect(pages[0].coverage.k).toBeGreaterThan(0.2);
      expect(Math.max(pages[0].coverage.c, pages[0].coverage.m, pages[0].coverage.y)).toBeLessThan(0.001);
    });
  });

  it('inspects a multi-page PDF with mixed sizes, landscape, rotated and cropped pages', async () => {
    const pdf = await makeTextPdf([{}, { size: LETTER }, { size: [841.89, 595.28] }, { rotate: 90 }, { cropBox: [50, 50, 300, 400] }, {}, {}]);
    const progress: number[] = [];
    const result = await inspectDocument(pdf, { filename: 'mixed.pdf', onProgress: (p) => progress.push(p.pagesDone) });
    expect(result).toMatchObject({ type: 'pdf', pageCount: 7, colorPageCount: 0 });
    expect(result.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect(result.pages.map((p) => [Math.round(p.widthPt), Math.round(p.heightPt), p.rotation])).toEqual([
      [595, 842, 0],
      [612, 792, 0],
      [842, 595, 0],
      [842, 595, 90],
      [300, 400, 0],
      [595, 842, 0],
      [595, 842, 0],
    ]);
    expect(progress).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(result.thumbnails.map((t) => t.pageNumber)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const thumbnail of result.thumbnails) {
      expect(thumbnail.widthPx).toBe(200);
      expect((await sharp(thumbnail.png).metadata()).format).toBe('png');
    }
    expect(result.thumbnails[2].heightPx).toBeLessThan(200);
    expect((await PDFDocument.load(result.pdf)).getPageCount()).toBe(7);
  });

  it('makes each photo one colour page, upright as EXIF says', async () => {
    const jpeg = await inspectDocument(await makePhotoJpeg({ width: 1200, height: 900, orientation: 6 }), { filename: 'IMG_0001.JPG' });
    expect(jpeg).toMatchObject({ type: 'jpeg', pageCount: 1, colorPageCount: 1 });
    expect(jpeg.pages[0].heightPt).toBeGreaterThan(jpeg.pages[0].widthPt);
    const png = await inspectDocument(await makePng({ width: 800, height: 600 }), { filename: 'chart.png' });
    expect(png).toMatchObject({ type: 'png', pageCount: 1, colorPageCount: 1 });
    expect(png.pages[0].widthPt).toBeGreaterThan(png.pages[0].heightPt);
  });

  it('honours all eight EXIF orientations, as libvips displays them', async () => {
    const quadrants = { topLeft: [0, 0], topRight: [0.5, 0], bottomLeft: [0, 0.5], bottomRight: [0.5, 0.5] } as const;
    const redQuadrant = (image: { width: number; height: number; rgb: Buffer }, area = { x: 0, y: 0, width: 1, height: 1 }) =>
      Object.entries(quadrants).find(([, [qx, qy]]) => {
        const x0 = area.x + (qx + 0.1) * area.width;
        const y0 = area.y + (qy + 0.1) * area.height;
        const [r, g] = meanColor(image, { x0, y0, x1: x0 + 0.3 * area.width, y1: y0 + 0.3 * area.height });
        return r - g > 150;
      })?.[0];
    for (let orientation = 1; orientation <= 8; orientation++) {
      const jpeg = await makeOrientedJpeg(orientation);
      const displayed = await sharp(jpeg).rotate().raw().toBuffer({ resolveWithObject: true });
      const expected = redQuadrant({ width: displayed.info.width, height: displayed.info.height, rgb: displayed.data });

      const { pdf, pages } = await inspectDocument(jpeg);
      const page = await renderWithPoppler(pdf, 1, 30);
      // The image is fitted and centred on the page; find its area from the aspect ratios.
      const imageAspect = displayed.info.width / displayed.info.height;
      const pageAspect = pages[0].widthPt / pages[0].heightPt;
      const area =
        imageAspect > pageAspect
          ? { x: 0, width: 1, height: pageAspect / imageAspect, y: (1 - pageAspect / imageAspect) / 2 }
          : { y: 0, height: 1, width: imageAspect / pageAspect, x: (1 - imageAspect / pageAspect) / 2 };
      expect({ orientation, red: redQuadrant(page, area) }).toEqual({ orientation, red: expected });
    }
  });

  it('lays out Chinese text with an embedded subset font that renders without system fonts', async () => {
    const result = await inspectDocument(Buffer.from(CHINESE_TEXT), { filename: '静夜思.txt' });
    expect(result).toMatchObject({ type: 'text', pageCount: 1, colorPageCount: 0 });
    expect(result.pdf.length).toBeLessThan(40_000);
    expect(pdfFonts(result.pdf)).toEqual([expect.objectContaining({ isEmbedded: true })]);
    const page = await renderWithPoppler(result.pdf, 1, 72);
    const ink = meanColor(page, { x0: 0.05, y0: 0.05, x1: 0.6, y1: 0.12 });
    expect(ink[0]).toBeLessThan(245);
  });

  describe('bad input gets a clear, specific error', () => {
    it('an encrypted PDF', async () => {
      const error = await refusal(encryptPdf(await makeTextPdf([{}]), { userPassword: 'secret' }));
      expect(error).toMatchObject({ code: 'encrypted', message: 'This PDF is password-protected. Remove the password and upload it again.' });
    });

    it('a PDF with only an owner password opens and prints', async () => {
      const result = await inspectDocument(encryptPdf(await makeTextPdf([{}, {}]), { userPassword: '' }));
      expect(result.pageCount).toBe(2);
    });

    it('a truncated PDF', async () => {
      const pdf = await makeTextPdf([{}, {}, {}]);
      const error = await refusal(pdf.subarray(0, Math.floor(pdf.length * 0.6)));
      expect(error.code).toBe('damaged');
      expect(error.message).toMatch(/incomplete/);
    });

    it('a corrupt PDF (random bytes after the header)', async () => {
      let seed = 7;
      const noise = Buffer.from(Array.from({ length: 20_000 }, () => (seed = (seed * 48271) % 2147483647) & 0xff));
      const error = await refusal(Buffer.concat([Buffer.from('%PDF-1.7\n'), noise, Buffer.from('\n%%EOF\n')]));
      expect(error).toMatchObject({ code: 'damaged', message: expect.stringMatching(/^This PDF is damaged/) });
    });

    it('a PDF whose pages pdf-lib accepts but Ghostscript cannot draw', async () => {
      const error = await refusal(await makeBrokenContentPdf());
      expect(error).toMatchObject({ code: 'damaged', message: expect.stringMatching(/can't be drawn/) });
    });

    it('a PDF with no pages', async () => {
      expect(await refusal(await makeEmptyPdf())).toMatchObject({ code: 'no_pages', message: 'This document has no pages to print.' });
    });

    it('a PDF with more pages than the limit', async () => {
      const error = await refusal(await makeBlankPdf(12), { maxPages: 10 });
      expect(error).toMatchObject({
        code: 'too_many_pages',
        message: 'This PDF has 12 pages; we can print up to 10 pages in one document. Split it and upload the parts.',
      });
    });

    it('a decompression-bomb PNG', async () => {
      const error = await refusal(makeBombPng(50_000, 50_000), { filename: 'tiny.png' });
      expect(error).toMatchObject({ code: 'image_too_large', message: expect.stringContaining('50000×50000') });
    });

    it('a file whose extension lies: the content wins', async () => {
      const result = await inspectDocument(await makePng({ width: 300, height: 200 }), { filename: 'report.pdf' });
      expect(result).toMatchObject({ type: 'png', hasMismatchedExtension: true, pageCount: 1 });
      expect((await refusal(makeZip({ 'x.txt': 'x' }), { filename: 'report.pdf' })).code).toBe('unsupported_type');
    });

    it('a polyglot', async () => {
      const pdf = await makeTextPdf([{}]);
      expect((await refusal(makeZip({ 'index.html': '<script>alert(1)</script>' }, pdf))).code).toBe('polyglot');
    });

    it('an empty file', async () => {
      expect(await refusal(new Uint8Array(), { filename: 'empty.pdf' })).toMatchObject({ code: 'empty' });
    });

    it('an office document without LibreOffice', async () => {
      expect(await refusal(makeDocx(), { filename: 'cv.docx', office: { searchPath: '/nonexistent' } })).toMatchObject({
        code: 'office_unsupported',
        message: expect.stringContaining("can't be converted for printing right now"),
      });
    });

    it('leaves the worker fine: bad and good documents inspected side by side all settle correctly', async () => {
      const good = await makeTextPdf([{}, {}]);
      const results = await Promise.allSettled([
        inspectDocument(encryptPdf(good, { userPassword: 'pw' })),
        inspectDocument(good),
        inspectDocument(makeBombPng(60_000, 60_000)),
        inspectDocument(await makeBrokenContentPdf()),
        inspectDocument(good),
      ]);
      expect(results.map((r) => (r.status === 'fulfilled' ? r.value.pageCount : (r.reason as DocumentError).code))).toEqual(['encrypted', 2, 'image_too_large', 'damaged', 2]);
    });
  });
});
