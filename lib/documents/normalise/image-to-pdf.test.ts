import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { MEDIA } from '@/lib/job-options/media';
import { makeBombPng, makePhotoJpeg, makePng } from '@/lib/documents/fixtures/make-fixtures';
import { savePdf } from '@/lib/documents/save-pdf';
import { imageToPdf, orientationMatrix } from './image-to-pdf';

const A4 = MEDIA.iso_a4_210x297mm;

describe('imageToPdf', () => {
  it('puts a portrait photo on a portrait page and a landscape one on a landscape page', async () => {
    const portrait = await imageToPdf(await makePhotoJpeg({ width: 300, height: 400 }), 'jpeg', { media: 'iso_a4_210x297mm' });
    expect(portrait.getPage(0).getSize()).toEqual({ width: A4.widthPt, height: A4.heightPt });
    const landscape = await imageToPdf(await makePng({ width: 400, height: 300 }), 'png', { media: 'iso_a4_210x297mm' });
    expect(landscape.getPage(0).getSize()).toEqual({ width: A4.heightPt, height: A4.widthPt });
  });

  it('uses the orientation EXIF asks for: a landscape-stored photo tagged "rotate 90" is portrait', async () => {
    const jpeg = await makePhotoJpeg({ width: 400, height: 300, orientation: 6 });
    const doc = await imageToPdf(jpeg, 'jpeg', { media: 'iso_a4_210x297mm' });
    expect(doc.getPage(0).getSize()).toEqual({ width: A4.widthPt, height: A4.heightPt });
  });

  it('embeds a JPEG without recompressing it', async () => {
    const jpeg = await makePhotoJpeg({ width: 800, height: 600 });
    const pdf = await savePdf(await imageToPdf(jpeg, 'jpeg', { media: 'iso_a4_210x297mm' }));
    expect(Buffer.from(pdf).includes(jpeg.subarray(0, 2000))).toBe(true);
  });

  it('keeps grey PNGs grey and flattens transparency', async () => {
    const doc = await imageToPdf(await makePng({ width: 100, height: 100, isGrey: true, hasAlpha: true }), 'png', {
      media: 'iso_a4_210x297mm',
    });
    const pdf = Buffer.from(await savePdf(doc));
    expect(pdf.includes('/DeviceGray')).toBe(true);
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(1);
  });

  it('refuses a decompression bomb from its header, without decoding it', async () => {
    const bomb = makeBombPng(50_000, 50_000);
    expect(bomb.length).toBeLessThan(200);
    await expect(imageToPdf(bomb, 'png', { media: 'iso_a4_210x297mm' })).rejects.toMatchObject({
      code: 'image_too_large',
      message: 'This image is 50000×50000 pixels, over the 100-megapixel limit. Resize it and upload it again.',
    });
  });

  it('refuses a damaged image', async () => {
    const jpeg = await makePhotoJpeg({ width: 100, height: 100 });
    await expect(imageToPdf(jpeg.subarray(0, 40), 'jpeg', { media: 'iso_a4_210x297mm' })).rejects.toMatchObject({ code: 'damaged' });
  });
});

describe('orientationMatrix', () => {
  const rect = { x: 10, y: 20, width: 300, height: 200 };
  const apply = ([a, b, c, d, e, f]: number[], u: number, v: number) => [a * u + c * v + e, b * u + d * v + f];

  it('maps the image unit square onto the rect for all eight orientations', () => {
    for (let orientation = 1; orientation <= 8; orientation++) {
      const corners = [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ].map(([u, v]) => apply(orientationMatrix(orientation, rect), u, v));
      const xs = corners.map((c) => c[0]).sort((a, b) => a - b);
      const ys = corners.map((c) => c[1]).sort((a, b) => a - b);
      expect([xs[0], xs[3], ys[0], ys[3]]).toEqual([10, 310, 20, 220]);
    }
  });

  it('puts the stored first row where EXIF says: right edge for 6, left edge for 8', () => {
    // The stored image's top-left pixel is at unit (0, 1).
    expect(apply(orientationMatrix(6, rect), 0, 1)).toEqual([310, 220]);
    expect(apply(orientationMatrix(8, rect), 0, 1)).toEqual([10, 20]);
    expect(apply(orientationMatrix(3, rect), 0, 1)).toEqual([310, 20]);
  });
});
