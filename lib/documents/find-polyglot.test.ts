import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { findPolyglot, jpegImageLength } from './find-polyglot';
import { makePhotoJpeg } from './fixtures/make-fixtures';

describe('jpegImageLength', () => {
  it('finds the end of baseline and progressive JPEGs, ignoring what follows', async () => {
    const baseline = await makePhotoJpeg({ width: 120, height: 90 });
    const progressive = await sharp(baseline).jpeg({ progressive: true }).toBuffer();
    for (const jpeg of [baseline, progressive]) {
      expect(jpegImageLength(jpeg)).toBe(jpeg.length);
      expect(jpegImageLength(Buffer.concat([jpeg, Buffer.from('trailing video bytes')]))).toBe(jpeg.length);
    }
  });

  it('falls back to the whole file when the structure cannot be followed', () => {
    const junk = Buffer.from([0xff, 0xd8, 0x00, 0x01, 0x02, 0x03]);
    expect(jpegImageLength(junk)).toBe(junk.length);
  });
});

describe('findPolyglot', () => {
  it('accepts an image with a second JPEG after it (a gain map or MPF preview)', async () => {
    const jpeg = await makePhotoJpeg({ width: 64, height: 64 });
    expect(findPolyglot(Buffer.concat([jpeg, jpeg]), 'jpeg')).toBeNull();
  });

  it('explains what it found, for the logs', async () => {
    const jpeg = await makePhotoJpeg({ width: 400, height: 400 });
    expect(findPolyglot(Buffer.concat([jpeg, Buffer.from('<!DOCTYPE html>')]), 'jpeg')).toBe('HTML signature after the end of the jpeg');
  });
});
