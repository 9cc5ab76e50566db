/**
 * The worker's print path for bench:convert, as its own process so its memory can be measured
 * from outside with its children (the converter child, Ghostscript): each job is converted in a
 * pooled child to a scratch file (a raster job to its imposed PDF, rendered as it is sent),
 * streamed into a local document store, then sent from the store to its printer with Print-Job
 * through openPrintOutput, as the dispatcher does, all jobs at once. No database: the claims and
 * state changes around it are small and not what is measured here.
 * Usage: tsx stream-jobs.ts '<JSON: { storeRoot, jobs: [{ name, pdfPath, uri, printer }] }>'
 * Prints one JSON line per event: { event: 'convert' | 'send' | 'sent', job, at } (epoch ms).
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline, Transform } from 'node:stream';
import { z } from 'zod';
import { printSettings } from '@/lib/config/print-settings';
import { ippPrinterPort } from '@/lib/dispatch/printer-port';
import { createLocalDocumentStore } from '@/lib/documents/storage/local-document-store';
import { openPrintOutput } from '@/lib/raster/raster-at-send';
import type { TJobOptions } from '@/lib/job-options/job-options';
import { withConversionScratch } from '@/workers/loops/conversion-scratch';
import { createConversionPool } from '@/workers/loops/print-converter';

const ZInput = z.object({
  storeRoot: z.string().min(1),
  jobs: z
    .array(
      z.object({
        name: z.string().regex(/^[a-z0-9_]+$/),
        pdfPath: z.string().min(1),
        uri: z.string().startsWith('ipp://'),
        printer: z.object({ documentFormats: z.array(z.string()), resolutionsDpi: z.array(z.number()).optional(), isColor: z.boolean() }),
      }),
    )
    .min(1),
});

const job: TJobOptions = { media: 'iso_a4_210x297mm', colorMode: 'auto', sides: 'one-sided', copies: 1, pagesPerSheet: 1, finishing: 'none' };
const emit = (event: string, name: string) => console.log(JSON.stringify({ event, job: name, at: Date.now() }));

async function main() {
  const input = ZInput.parse(JSON.parse(process.argv[2] ?? ''));
  const store = createLocalDocumentStore({ root: input.storeRoot });
  const pool = createConversionPool(printSettings({ ...process.env, PRINT_CONVERSION_THREADS: String(input.jobs.length) }));
  // The pool's children do not hold the process open (a worker's loops do): this does, until the jobs are sent.
  const keepAlive = setInterval(() => undefined, 1_000);
  try {
    await Promise.all(
      input.jobs.map(async ({ name, pdfPath, uri, printer }) => {
        const pdf = new Uint8Array(await readFile(pdfPath));
        emit('convert', name);
        const key = `jobs/${name}/output`;
        const result = await withConversionScratch(async (folder) => {
          const outputPath = path.join(folder, 'output');
          // A full-colour photo page is ~25 MB of 300 dpi raster: the 50-photo job is over the 1 GiB default cap.
          const converted = await pool.run({ documents: [{ bytes: pdf }], options: job, printer, outputPath, maxOutputBytes: 3 * 1024 ** 3, rasterAtSend: true }, { timeoutMs: 60 * 60_000 });
          await store.put(key, createReadStream(outputPath));
          return converted;
        });
        emit('send', name);
        const port = ippPrinterPort(uri, { requestMs: 30_000, documentMs: 60 * 60_000 }, 'shop-network');
        const data = await openPrintOutput(store, { outputKey: key, outputRaster: result.outputRaster }, { maxRenderMs: 60 * 60_000 });
        // Counted as the upload reads it: a 'data' listener here would start the stream flowing
        // before printJob pipes it, and the printer would get what is left (for a file, nothing).
        let sentBytes = 0;
        const counted = new Transform({
          transform(chunk: Buffer, _encoding, callback) {
            sentBytes += chunk.length;
            callback(null, chunk);
          },
        });
        pipeline(data, counted, () => undefined);
        await port.printJob({ jobName: `np_bench_${name}`, template: {}, documentFormat: result.format, data: counted });
        console.log(JSON.stringify({ event: 'sent', job: name, at: Date.now(), bytes: sentBytes, pages: result.pageCount }));
        await store.delete(key);
      }),
    );
  } finally {
    clearInterval(keepAlive);
    await pool.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
