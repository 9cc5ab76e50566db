import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { countDocumentPages, countPwgRasterPages } from './count-document-pages';

function pwgPage(height: number, bytesPerLine: number, bitsPerPixel: number, data: number[]): Buffer {
  const header = Buffer.alloc(1796);
  header.write('PwgRaster', 0, 'latin1');
  header.writeUInt32BE(height, 376);
  header.writeUInt32BE(bitsPerPixel, 388);
  header.writeUInt32BE(bytesPerLine, 392);
  return Buffer.concat([header, Buffer.from(data)]);
}

const rasterTwoPages = Buffer.concat([
  Buffer.from('RaS2', 'latin1'),
  // 3 identical lines of 4 grey pixels: repeat 2 (3 lines), run of 4 × 0x80.
  pwgPage(3, 4, 8, [2, 3, 0x80]),
  // 2 lines of 2 RGB pixels: 2 literal pixels, then a blank line (128 = rest blank).
  pwgPage(2, 6, 24, [0, 255, 1, 2, 3, 4, 5, 6, 0, 128]),
]);

describe('countPwgRasterPages', () => {
  it('walks compressed pages', () => {
    expect(countPwgRasterPages(rasterTwoPages)).toBe(2);
  });

  it('rejects truncated or foreign streams', () => {
    expect(() => countPwgRasterPages(rasterTwoPages.subarray(0, rasterTwoPages.length - 3))).toThrow(/truncated/);
    expect(() => countPwgRasterPages(Buffer.from('RaS3'))).toThrow(/Not a PWG raster/);
  });
});

describe('countDocumentPages', () => {
  it('counts PDF pages, raster pages and one page for an image', async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage();
    pdf.addPage();
    pdf.addPage();
    expect(await countDocumentPages(Buffer.from(await pdf.save()))).toBe(3);
    expect(await countDocumentPages(rasterTwoPages)).toBe(2);
    expect(await countDocumentPages(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe(1);
  });

  it('refuses what a printer could not print', async () => {
    await expect(countDocumentPages(Buffer.from('%PDF-1.7 garbage'))).rejects.toThrow();
    await expect(countDocumentPages(Buffer.from('hello'))).rejects.toThrow(/Unsupported/);
  });
});
