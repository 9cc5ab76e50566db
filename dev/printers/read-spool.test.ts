import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectFormat, readSpool } from './read-spool';

describe('detectFormat', () => {
  it.each([
    ['%PDF-1.7\n', 'pdf'],
    ['RaS2PwgR', 'pwg-raster'],
    ['UNIRAST\0', 'urf'],
    ['%!PS-Adobe', 'postscript'],
    ['\xff\xd8\xff\xe0', 'jpeg'],
    ['\x89PNG\r\n\x1a\n', 'png'],
    ['hello', 'unknown'],
    ['', 'unknown'],
  ])('%j is %s', (head, format) => {
    expect(detectFormat(Buffer.from(head, 'latin1'))).toBe(format);
  });
});

describe('readSpool', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'nearprint-spool-test-'));
    await writeFile(path.join(dir, '10-np_b.pwg'), 'RaS2PwgRaster');
    await writeFile(path.join(dir, '2-np_a.pdf'), '%PDF-1.4 x');
    await writeFile(path.join(dir, 'notes.txt'), 'hi');
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lists received files by job id, with the format from their bytes', async () => {
    expect(await readSpool(dir)).toEqual([
      { name: 'notes.txt', path: path.join(dir, 'notes.txt'), jobId: null, size: 2, format: 'unknown' },
      { name: '2-np_a.pdf', path: path.join(dir, '2-np_a.pdf'), jobId: 2, size: 10, format: 'pdf' },
      { name: '10-np_b.pwg', path: path.join(dir, '10-np_b.pwg'), jobId: 10, size: 13, format: 'pwg-raster' },
    ]);
  });

  it('is empty for a spool directory that does not exist yet', async () => {
    expect(await readSpool(path.join(dir, 'missing'))).toEqual([]);
  });
});
