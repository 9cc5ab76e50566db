import { describe, expect, it } from 'vitest';
import { readPwgRaster } from './read-pwg-raster';

/** One page of `rows` identical white rows, `width` sGray pixels wide, encoded as PWG 5102.4 says. */
function page(width: number, rows: number, options: { dpi?: number; duplex?: boolean } = {}): Buffer {
  const header = Buffer.alloc(1796);
  header.write('PwgRaster', 0, 'latin1');
  header.writeUInt32BE(options.duplex ? 1 : 0, 272);
  header.writeUInt32BE(options.dpi ?? 300, 276);
  header.writeUInt32BE(options.dpi ?? 300, 280);
  header.writeUInt32BE(595, 352);
  header.writeUInt32BE(842, 356);
  header.writeUInt32BE(width, 372);
  header.writeUInt32BE(rows, 376);
  header.writeUInt32BE(8, 384);
  header.writeUInt32BE(8, 388);
  header.writeUInt32BE(width, 392);
  header.writeUInt32BE(18, 400);
  const data: number[] = [];
  // First row: three literal pixels then a run; the remaining rows via line repeat.
  data.push(0, 257 - 3, 1, 2, 3, width - 3 - 1, 0xff);
  data.push(rows - 2, width - 1, 0xff);
  return Buffer.concat([header, Buffer.from(data)]);
}

describe('readPwgRaster', () => {
  it('reads every page header, walking the compressed rows between them', () => {
    const stream = Buffer.concat([Buffer.from('RaS2'), page(100, 50, { duplex: true }), page(100, 50, { dpi: 600 })]);
    const pages = readPwgRaster(stream);
    expect(pages).toHaveLength(2);
    expect(pages[0]).toMatchObject({ hwResolution: [300, 300], widthPx: 100, heightPx: 50, colorSpace: 18, isDuplex: true });
    expect(pages[1].hwResolution).toEqual([600, 600]);
  });

  it('rejects a stream without the sync word or cut short', () => {
    expect(() => readPwgRaster(Buffer.from('RaS3'))).toThrow(/sync word/);
    const stream = Buffer.concat([Buffer.from('RaS2'), page(100, 50)]);
    expect(() => readPwgRaster(stream.subarray(0, stream.length - 2))).toThrow(/Truncated/);
  });
});
