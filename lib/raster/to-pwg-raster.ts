import type { TSides } from '@/lib/job-options/job-options';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { DocumentError } from '@/lib/documents/document-error';
import { runGhostscript, type TRunGhostscriptOptions } from '@/lib/documents/run-ghostscript';

/** A PDF as bytes, or as a file already on disk (Ghostscript reads it from there). */
export type TPdfInput = Uint8Array | { path: string };

/** CUPS colour space numbers used in the PWG raster header. */
export const PWG_COLOR_SPACE = { sgray: 18, srgb: 19 } as const;

export type TToPwgRasterOptions = {
  resolutionDpi: number;
  isMono: boolean;
  sides: TSides;
  timeoutMs?: number;
  maxOutputBytes?: number;
  /** Called as Ghostscript finishes each page, for the job's progress. */
  onPage?: (pagesDone: number) => void;
};

/**
 * Rasterises a PDF to PWG raster (PWG 5102.4) with Ghostscript's `pwgraster` device,
 * PDF on stdin and raster on stdout: 8 bits per colour, chunky, sGray (18) for mono,
 * sRGB (19) for colour. The pages are expected to be the media size already
 * (fitToMedia), which is what the raster header's page size then says. Two-sided jobs
 * set the header's Duplex (and Tumble for short-edge binding); back sides are not
 * transformed, i.e. this assumes pwg-raster-document-sheet-back "normal".
 */
export async function toPwgRaster(pdf: TPdfInput, options: TToPwgRasterOptions): Promise<Buffer> {
  const { stdout } = await runGhostscript(pwgRasterArgs(options), ghostscriptOptions(pdf, options));
  return stdout;
}

/**
 * toPwgRaster, with the raster written to `path` as Ghostscript produces it, page by page, so a
 * job of a gigabyte never sits in memory; resolves with its size. maxOutputBytes is enforced as
 * the bytes arrive, and a slow disk pauses Ghostscript. The file is the caller's to remove, also
 * on failure.
 */
export async function toPwgRasterFile(pdf: TPdfInput, path: string, options: TToPwgRasterOptions): Promise<number> {
  const file = createWriteStream(path, { mode: 0o600 });
  try {
    await runGhostscript(pwgRasterArgs(options), { ...ghostscriptOptions(pdf, options), stdoutTo: file });
  } finally {
    file.destroy();
  }
  return file.bytesWritten;
}

/**
 * toPwgRaster as a stream, for sending while Ghostscript renders: the first page is readable as
 * soon as it is rendered, and a reader that stops reading (a slow printer) pauses Ghostscript, so
 * memory stays flat whatever the job's size. Ghostscript starts on the first read, so a stream
 * opened ahead of an upload that never happens costs nothing and cannot fail unheard. The stream
 * ends only when Ghostscript finished cleanly; a failure (exit code, timeout, output cap, an error
 * it reported while exiting 0, no output at all) destroys it with the error, so a truncated raster
 * never ends like a complete one. Destroying it stops Ghostscript.
 */
export function toPwgRasterStream(pdf: TPdfInput, options: TToPwgRasterOptions): Readable {
  let rendered: PassThrough | undefined;
  const start = (out: Readable) => {
    const source = (rendered = new PassThrough({ highWaterMark: 1024 ** 2 }));
    let bytes = 0;
    source.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (!out.push(chunk)) source.pause();
    });
    let reportedError: string | null = null;
    const gsOptions = ghostscriptOptions(pdf, options);
    runGhostscript(pwgRasterArgs(options), {
      ...gsOptions,
      stdoutTo: source,
      // Ghostscript exits 0 on a PDF it could not read ("**** Error: … No pages will be processed").
      onStderrLine: (line) => {
        if (/\*\*\*\* Error|No pages will be processed/.test(line)) reportedError ??= line.trim();
        gsOptions.onStderrLine?.(line);
      },
    })
      .then(async () => {
        if (!source.readableEnded) await once(source, 'end');
        if (reportedError || bytes === 0) throw new DocumentError('conversion_failed', undefined, { details: `gs pwgraster: ${reportedError ?? 'no output'}` });
        out.push(null);
      })
      .catch((error: unknown) => out.destroy(error as Error));
  };
  return new Readable({
    highWaterMark: 1024 ** 2,
    read() {
      if (rendered) rendered.resume();
      else start(this);
    },
    // The reader went away (an upload that failed): closing Ghostscript's side stops it (runProcess).
    destroy(error, callback) {
      rendered?.destroy();
      callback(error);
    },
  });
}

function pwgRasterArgs(options: TToPwgRasterOptions): string[] {
  const args = ['-sDEVICE=pwgraster', `-r${options.resolutionDpi}`, '-dcupsBitsPerColor=8', '-dcupsColorOrder=0', `-dcupsColorSpace=${options.isMono ? PWG_COLOR_SPACE.sgray : PWG_COLOR_SPACE.srgb}`];
  if (options.sides !== 'one-sided') args.push('-dDuplex=true');
  if (options.sides === 'two-sided-short-edge') args.push('-dTumble=true');
  return args;
}

function ghostscriptOptions(pdf: TPdfInput, options: TToPwgRasterOptions): TRunGhostscriptOptions {
  return {
    input: pdf,
    timeoutMs: options.timeoutMs,
    maxOutputBytes: options.maxOutputBytes,
    // The device announces each page before rendering it: the previous one is done.
    onStderrLine: (line) => {
      const match = /^INFO: Processing page (\d+)/.exec(line);
      if (match && Number(match[1]) > 1) options.onPage?.(Number(match[1]) - 1);
    },
  };
}
