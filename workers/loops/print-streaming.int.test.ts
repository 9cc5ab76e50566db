/**
 * The print path with big raster jobs: the converter child writes Ghostscript's raster to a
 * scratch file, the worker streams it into the document store, and the dispatcher streams it
 * from the store to a real raster-only ippeveprinter (chunked, no Content-Length). Memory is read
 * from /proc for this process and everything it started (the converter child, Ghostscript), the
 * printer left out: it must not grow with the size of the job, nor while a printer stops reading.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printSettings } from '@/lib/config/print-settings';
import { ippPrinterPort } from '@/lib/dispatch/printer-port';
import { A4 } from '@/lib/documents/fixtures/make-fixtures';
import { createLocalDocumentStore } from '@/lib/documents/storage/local-document-store';
import { openPrintOutput } from '@/lib/raster/raster-at-send';
import { getPrinterStatus } from '@/lib/ipp/get-printer-status';
import type { TJobOptions } from '@/lib/job-options/job-options';
import { monoRasterPrinter } from '@/dev/printers/printer-presets';
import { startFaultProxy, type TFaultProxy } from '@/dev/printers/start-fault-proxy';
import { startPrinter, type TPrinterHandle } from '@/dev/printers/start-printer';
import { eventually } from '@/dev/test-support/fixtures';
import { processTree, residentBytes } from '@/dev/test-support/process-tree-memory';
import { withConversionScratch } from './conversion-scratch';
import { createConversionPool, type TConversionPool } from './print-converter';

const MB = 1024 ** 2;
/** Noise pages do not compress: each is ~8.7 MB of 300 dpi grey raster. */
const PHOTO_PAGES = 24;
const job: TJobOptions = { media: 'iso_a4_210x297mm', colorMode: 'monochrome', sides: 'one-sided', copies: 1, pagesPerSheet: 1, finishing: 'none' };
/** What the mono raster preset offers, as the converter sees it. */
const RASTER_PRINTER = { documentFormats: ['image/pwg-raster'], resolutionsDpi: [300], isColor: false };
const timeouts = { requestMs: 10_000, documentMs: 10 * 60_000 };

/** Resident memory of this process and all it started, the printer's own processes left out. */
function ourResidentBytes(printer: TPrinterHandle): number {
  const printerTree = new Set(processTree([printer.pid]));
  return residentBytes(processTree([process.pid]).filter((pid) => !printerTree.has(pid)));
}

/** A4 pages each filled with the photo. */
async function photoPagesPdf(jpeg: Buffer, pages: number): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const image = await document.embedJpg(jpeg);
  for (let i = 0; i < pages; i++) document.addPage(A4).drawImage(image, { x: 0, y: 0, width: A4[0], height: A4[1] });
  return document.save();
}

function samplePeak(printer: TPrinterHandle) {
  let peak = ourResidentBytes(printer);
  const timer = setInterval(() => (peak = Math.max(peak, ourResidentBytes(printer))), 50);
  return () => {
    clearInterval(timer);
    return Math.max(peak, ourResidentBytes(printer));
  };
}

describe('streaming print path (raster)', () => {
  let root: string;
  let printer: TPrinterHandle;
  let proxy: TFaultProxy;
  let pool: TConversionPool;
  const store = () => createLocalDocumentStore({ root: path.join(root, 'store') });
  /** Photo pages as the worker gets them: a normalised PDF (JPEGs were turned into PDF at inspection). */
  let photoPdf: Uint8Array;
  let onePhotoPdf: Uint8Array;
  let outputBytes = 0;

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'np-streaming-'));
    printer = await startPrinter(monoRasterPrinter({ name: 'Int Streaming', spoolDir: path.join(root, 'spool'), pagesPerMinute: 600 }));
    proxy = await startFaultProxy({ target: printer });
    pool = createConversionPool(printSettings({ ...process.env, PRINT_CONVERSION_THREADS: '1' }));
    // Noise, the worst case for PWG's run-length compression: every page is its full size.
    const photo = await sharp({ create: { width: 2000, height: 2800, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
      .jpeg({ quality: 90 })
      .toBuffer();
    photoPdf = await photoPagesPdf(photo, PHOTO_PAGES);
    onePhotoPdf = await photoPagesPdf(photo, 1);
  }, 60_000);

  afterAll(async () => {
    await pool?.close();
    await proxy?.stop();
    await printer?.stop();
    await rm(root, { recursive: true, force: true });
  });

  async function convertAndStore(key: string, pdf: Uint8Array): Promise<number> {
    return withConversionScratch(async (folder) => {
      const outputPath = path.join(folder, 'output');
      const result = await pool.run({ documents: [{ bytes: pdf }], options: job, printer: RASTER_PRINTER, outputPath }, { timeoutMs: 10 * 60_000 });
      expect(result.format).toBe('image/pwg-raster');
      await store().put(key, createReadStream(outputPath));
      return result.outputBytes;
    });
  }

  it(
    'converts a large raster job and sends it chunked from a stream, memory not growing with its size',
    async () => {
      // Warm the converter child (and this process's code paths) with a one-page job first.
      await convertAndStore('jobs/warm/output.pwg', onePhotoPdf);
      const before = ourResidentBytes(printer);
      const peak = samplePeak(printer);

      outputBytes = await convertAndStore('jobs/big/output.pwg', photoPdf);
      const port = ippPrinterPort(proxy.uri, timeouts, 'shop-network');
      const submitted = await port.printJob({ jobName: 'np_streaming_big', template: {}, documentFormat: 'image/pwg-raster', data: await store().readStream('jobs/big/output.pwg') });

      const growth = peak() - before;
      console.info(`[streaming] raster ${(outputBytes / MB).toFixed(0)} MB converted, stored and sent; peak growth of our process tree ${(growth / MB).toFixed(0)} MB`);
      expect(submitted.jobId).toBeGreaterThan(0);
      expect(outputBytes).toBeGreaterThan(150 * MB);
      const upload = proxy.stats.uploads.find((u) => u.jobName === 'np_streaming_big');
      expect(upload).toMatchObject({ isChunked: true, documentBytesForwarded: outputBytes, outcome: 'forwarded' });
      // Ghostscript's own page buffers and the converter's PDF are in here; the job's bytes are not.
      expect(growth).toBeLessThan(outputBytes / 2);
      // Nothing of the conversion is left on disk.
      expect(await readdir(path.join(os.tmpdir(), 'nearprint-convert')).then((entries) => entries.filter((e) => e.startsWith(`${process.pid}-`)))).toEqual([]);
    },
    15 * 60_000,
  );

  it(
    'a printer that stops reading holds the upload back instead of filling memory, and it completes once the printer carries on',
    async () => {
      expect(outputBytes).toBeGreaterThan(0);
      await eventually('the printer to be idle', async () => (await getPrinterStatus(printer.uri, { network: 'shop-network' })).state === 'idle', 120_000);
      const before = ourResidentBytes(printer);
      const peak = samplePeak(printer);
      let sent = 0;
      const counted = new PassThrough();
      counted.on('data', (chunk: Buffer) => {
        sent += chunk.length;
      });
      let isPaused = false;
      const source = await store().readStream('jobs/big/output.pwg');
      source.pipe(counted);
      const port = ippPrinterPort(printer.uri, timeouts, 'shop-network');
      const upload = port.printJob({ jobName: 'np_streaming_paused', template: {}, documentFormat: 'image/pwg-raster', data: counted });
      // Awaited below; if an assertion fails first, the printer's teardown must not surface as an unhandled rejection.
      upload.catch(() => undefined);

      await eventually('part of the job to be sent', async () => sent > 16 * MB, 60_000);
      await printer.pause();
      isPaused = true;
      // Sending stops once the socket buffers are full: the count holds still between two looks a second apart.
      let last = -1;
      const held = await eventually(
        'the upload to stall',
        async () => {
          const now = sent;
          const isStill = now === last;
          last = now;
          return isStill && now;
        },
        60_000,
        1_000,
      );
      console.info(`[streaming] paused printer: upload held at ${(held / MB).toFixed(0)} of ${(outputBytes / MB).toFixed(0)} MB, growth ${((ourResidentBytes(printer) - before) / MB).toFixed(0)} MB`);
      expect(held).toBeLessThan(outputBytes - 64 * MB);
      expect(ourResidentBytes(printer) - before).toBeLessThan(64 * MB);

      await printer.resume();
      isPaused = false;
      const submitted = await upload;
      expect(submitted.jobId).toBeGreaterThan(0);
      expect(sent).toBe(outputBytes);
      expect(peak() - before).toBeLessThan(64 * MB);
      expect(isPaused).toBe(false);
    },
    10 * 60_000,
  );

  it(
    'renders a raster job as it is sent: the first page is at the printer while the rest still renders, a resend gets the same bytes, a failed render fails the upload',
    async () => {
      // The first test's stored raster is what this render must reproduce byte for byte.
      expect(outputBytes).toBeGreaterThan(0);
      await eventually('the printer to be idle', async () => (await getPrinterStatus(printer.uri, { network: 'shop-network' })).state === 'idle', 120_000);
      const converted = await withConversionScratch(async (folder) => {
        const outputPath = path.join(folder, 'output');
        const result = await pool.run({ documents: [{ bytes: photoPdf }], options: job, printer: RASTER_PRINTER, outputPath, rasterAtSend: true }, { timeoutMs: 10 * 60_000 });
        await store().put('jobs/at-send/output.pdf', createReadStream(outputPath));
        return result;
      });
      // What is stored is the imposed PDF, the size of the customer's file, not of its pixels.
      expect(converted).toMatchObject({ format: 'image/pwg-raster', outputRaster: { resolutionDpi: 300, isMono: true, sides: 'one-sided' }, pageCount: PHOTO_PAGES });
      expect(converted.outputBytes).toBeLessThan(photoPdf.byteLength * 2);
      const stored = { outputKey: 'jobs/at-send/output.pdf', outputRaster: converted.outputRaster };

      const before = ourResidentBytes(printer);
      const peak = samplePeak(printer);
      const source = await openPrintOutput(store(), stored, { maxRenderMs: 10 * 60_000 });
      let isRendered = false;
      source.on('end', () => (isRendered = true));
      const port = ippPrinterPort(proxy.uri, timeouts, 'shop-network');
      const upload = port.printJob({ jobName: 'np_streaming_at_send', template: {}, documentFormat: 'image/pwg-raster', data: source });
      upload.catch(() => undefined);
      // A page of noise is ~8.7 MB of raster: once that much reached the printer, Ghostscript still has the other pages to render.
      const pageBytes = outputBytes / PHOTO_PAGES;
      await eventually(
        'the first page to reach the printer',
        async () => (proxy.stats.uploads.find((u) => u.jobName === 'np_streaming_at_send')?.documentBytesForwarded ?? 0) >= pageBytes,
        120_000,
        20,
      );
      expect(isRendered).toBe(false);
      const submitted = await upload;
      expect(submitted.jobId).toBeGreaterThan(0);
      const sentBytes = proxy.stats.uploads.find((u) => u.jobName === 'np_streaming_at_send')?.documentBytesForwarded;
      // The same raster as the converter would have stored: rendering is deterministic, so a resend regenerates it.
      expect(sentBytes).toBe(outputBytes);
      // Ghostscript's page buffers and the stored PDF, read whole, are in here; the raster is not.
      const growth = peak() - before;
      console.info(`[streaming] rendered as sent: ${(outputBytes / MB).toFixed(0)} MB of raster, peak growth of our process tree ${(growth / MB).toFixed(0)} MB`);
      expect(growth).toBeLessThan(outputBytes / 2);

      // A render that fails (here a stored PDF that is not one) ends the stream with an error, never like a complete raster.
      await store().put('jobs/broken/output.pdf', Buffer.from('%PDF-1.7 this is not a PDF'));
      const broken = await openPrintOutput(store(), { outputKey: 'jobs/broken/output.pdf', outputRaster: converted.outputRaster }, { maxRenderMs: 60_000 });
      await eventually('the printer to be idle', async () => (await getPrinterStatus(printer.uri, { network: 'shop-network' })).state === 'idle', 120_000);
      await expect(port.printJob({ jobName: 'np_streaming_broken', template: {}, documentFormat: 'image/pwg-raster', data: broken })).rejects.toMatchObject({ code: 'conversion_failed' });
    },
    15 * 60_000,
  );
});
