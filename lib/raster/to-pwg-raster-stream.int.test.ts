/**
 * The raster a printer is sent while Ghostscript renders it (real Ghostscript): it ends only
 * after a clean render, never after a failed one, and a reader that goes away stops Ghostscript.
 */
import { execFileSync } from 'node:child_process';
import type { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { eventually } from '@/dev/test-support/fixtures';
import { A4, makeTextPdf } from '@/lib/documents/fixtures/make-fixtures';
import { readPwgRaster } from './read-pwg-raster';
import { toPwgRasterStream } from './to-pwg-raster';

const options = { resolutionDpi: 72, isMono: true, sides: 'one-sided' as const, timeoutMs: 60_000 };

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Ghostscript processes rendering PWG raster from stdin right now. */
function ghostscriptsRunning(): number {
  try {
    return execFileSync('pgrep', ['-f', 'gs .*-sDEVICE=pwgraster.* -o - /.*/nearprint-gs-[^/]*/input\.pdf$'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).length;
  } catch {
    return 0;
  }
}

describe('toPwgRasterStream', () => {
  it('streams every page of a PDF as PWG raster and then ends', async () => {
    const pdf = await makeTextPdf([{ size: A4 }, { size: A4 }, { size: A4 }]);
    const raster = await readAll(toPwgRasterStream(pdf, options));
    const pages = readPwgRaster(raster);
    expect(pages).toHaveLength(3);
    expect(pages[0]).toMatchObject({ widthPx: 595 });
  });

  it('errors the stream, instead of ending it, when Ghostscript cannot read the PDF (it exits 0), and only once it is read', async () => {
    // The dispatcher opens the output before Create-Job: a failure meanwhile must wait for a reader, not be emitted to nobody.
    const stream = toPwgRasterStream(new TextEncoder().encode('%PDF-1.7 this is not a PDF'), options);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(stream.destroyed).toBe(false);
    await expect(readAll(stream)).rejects.toMatchObject({ code: 'conversion_failed' });
  });

  it('stops Ghostscript when the reader goes away', async () => {
    const pdf = await makeTextPdf(Array.from({ length: 200 }, () => ({ size: A4 })));
    const stream = toPwgRasterStream(pdf, { ...options, resolutionDpi: 300 });
    await new Promise((resolve) => stream.once('readable', resolve));
    expect(ghostscriptsRunning()).toBeGreaterThan(0);
    stream.destroy();
    await eventually('Ghostscript to stop', async () => ghostscriptsRunning() === 0, 10_000);
  });
});
