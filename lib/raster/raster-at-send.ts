import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { TSides } from '@/lib/job-options/job-options';
import type { TDocumentStore } from '@/lib/documents/storage/document-store';
import { toPwgRasterStream } from './to-pwg-raster';

/**
 * How a raster job's stored PDF becomes its PWG raster while it is sent (print_jobs.output_raster):
 * the converter stores the imposed PDF, already fitted to the media, and the dispatcher renders it.
 */
export type TRasterAtSend = { resolutionDpi: number; isMono: boolean; sides: TSides };

export type TStoredOutput = { outputKey: string; outputRaster: TRasterAtSend | null };

/** The format of what is stored for a converted job: a raster rendered as it is sent is stored as its PDF. */
export function storedOutputFormat(job: { outputFormat: string; outputRaster: TRasterAtSend | null }): string {
  return job.outputRaster ? 'application/pdf' : job.outputFormat;
}

/** What a whole photo job can come to at 300 dpi: 50 full-colour A4 pages are about 1.3 GB. */
const MAX_SENT_RASTER_BYTES = 8 * 1024 ** 3;

/**
 * The bytes a printer is sent for a converted job, as a stream read as the upload goes: the stored
 * output as it is, or, for a raster job, Ghostscript rendering the stored PDF page by page, so the
 * first page leaves within seconds and a slow printer pauses the renderer. Rendering the same PDF
 * with the same options gives the same raster, so a resend regenerates it instead of keeping it.
 * `maxRenderMs` bounds how long Ghostscript may run at all, since the upload's own limit is on a stall.
 */
export async function openPrintOutput(store: TDocumentStore, output: TStoredOutput, options: { maxRenderMs: number }): Promise<Readable> {
  if (!output.outputRaster) return store.readStream(output.outputKey);
  // The PDF goes to a private scratch file, never whole into memory; Ghostscript reads it from there.
  const folder = await mkdtemp(path.join(tmpdir(), 'nearprint-send-'));
  const removeFolder = () => rm(folder, { recursive: true, force: true, maxRetries: 5 }).catch(() => undefined);
  try {
    const pdfPath = path.join(folder, 'output.pdf');
    await pipeline(await store.readStream(output.outputKey), createWriteStream(pdfPath, { mode: 0o600 }));
    const raster = toPwgRasterStream({ path: pdfPath }, { ...output.outputRaster, timeoutMs: options.maxRenderMs, maxOutputBytes: MAX_SENT_RASTER_BYTES });
    // Sent, failed or never read and destroyed: the scratch file goes with the stream.
    raster.once('close', () => void removeFolder());
    return raster;
  } catch (error) {
    await removeFolder();
    throw error;
  }
}
