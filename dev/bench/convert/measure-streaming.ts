/**
 * bench:convert's print-path figures: the worker's print path (stream-jobs.ts, its own process)
 * converts and sends jobs to real ippeveprinters behind fault proxies, which count the document
 * bytes as they reach each printer. Memory is the peak VmRSS of that process and all its children
 * (the converter child, Ghostscript), sampled from /proc; the printers are not its children.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { getPrinterStatus } from '@/lib/ipp/get-printer-status';
import { colorDuplexPdfPrinter, monoRasterPrinter } from '@/dev/printers/printer-presets';
import { startFaultProxy, type TFaultProxy } from '@/dev/printers/start-fault-proxy';
import { atBenchExit } from '../bench-exit';
import { startPrinter, type TPrinterHandle } from '@/dev/printers/start-printer';
import { eventually } from '@/dev/test-support/fixtures';
import { processTree, residentBytes } from '@/dev/test-support/process-tree-memory';

type TBenchPrinter = { handle: TPrinterHandle; proxy: TFaultProxy; caps: { documentFormats: string[]; resolutionsDpi?: number[]; isColor: boolean } };
type TJobRun = { name: string; pdfPath: string; printer: TBenchPrinter };
type TJobTiming = { convertAt: number; sendAt: number; sentAt: number; bytes: number; pages: number; firstPageAt: number | null };

export type TStreamingFigures = {
  worker_peak_rss_mb: number;
  two_jobs_peak_rss_mb: number;
  first_page_at_printer_ms_pdf200: number | null;
  first_page_at_printer_ms_photos: number | null;
  send_to_first_page_ms_pdf200: number | null;
  send_to_first_page_ms_photos: number | null;
  photo_raster_mb: number;
};

const MB = 1024 ** 2;

const SCRIPT = path.join(import.meta.dirname, 'stream-jobs.ts');

/** Runs the jobs at once in a fresh worker process; its tree's peak RSS and each job's timings. */
async function runJobs(storeRoot: string, runs: TJobRun[]): Promise<{ peakBytes: number; timings: Map<string, TJobTiming> }> {
  const input = { storeRoot, jobs: runs.map((r) => ({ name: r.name, pdfPath: r.pdfPath, uri: r.printer.proxy.uri, printer: r.printer.caps })) };
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, JSON.stringify(input)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const stopChild = atBenchExit(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const timings = new Map<string, TJobTiming>();
  const forwarded = new Map<string, { at: number; bytes: number }[]>();
  let peakBytes = 0;
  const sample = setInterval(() => {
    if (child.pid) peakBytes = Math.max(peakBytes, residentBytes(processTree([child.pid])));
    const at = Date.now();
    for (const run of runs) {
      const upload = run.printer.proxy.stats.uploads.find((u) => u.jobName === `np_bench_${run.name}`);
      if (upload) forwarded.set(run.name, [...(forwarded.get(run.name) ?? []), { at, bytes: upload.documentBytesForwarded }]);
    }
  }, 25);
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    const event = JSON.parse(line) as { event: string; job: string; at: number; bytes?: number; pages?: number };
    const timing = timings.get(event.job) ?? { convertAt: 0, sendAt: 0, sentAt: 0, bytes: 0, pages: 0, firstPageAt: null };
    if (event.event === 'convert') timing.convertAt = event.at;
    if (event.event === 'send') timing.sendAt = event.at;
    if (event.event === 'sent') Object.assign(timing, { sentAt: event.at, bytes: event.bytes ?? 0, pages: event.pages ?? 1 });
    timings.set(event.job, timing);
  });
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  await stopChild();
  clearInterval(sample);
  if (code !== 0) throw new Error(`stream-jobs exited ${code}`);
  // The first page has arrived once a page's worth of the document went through (pages vary little within these jobs).
  for (const [name, timing] of timings) {
    const pageBytes = timing.bytes / Math.max(1, timing.pages);
    timing.firstPageAt = (forwarded.get(name) ?? []).find((s) => s.bytes >= pageBytes)?.at ?? timing.sentAt;
  }
  return { peakBytes, timings };
}

async function whenIdle(printer: TBenchPrinter): Promise<void> {
  await eventually('the printer to be idle', async () => (await getPrinterStatus(printer.handle.uri, { network: 'shop-network' })).state === 'idle', 10 * 60_000, 250);
}

export async function measureStreaming(inputs: { reportPdf: Uint8Array; photoPdf: Uint8Array }): Promise<TStreamingFigures> {
  const root = await mkdtemp(path.join(tmpdir(), 'bench-stream-'));
  const stops = [atBenchExit(() => rm(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }))];
  const start = async (spec: Parameters<typeof startPrinter>[0], caps: TBenchPrinter['caps']) => {
    const handle = await startPrinter(spec);
    stops.unshift(atBenchExit(() => handle.stop()));
    const printer = { handle, proxy: await startFaultProxy({ target: handle }), caps };
    stops.unshift(atBenchExit(() => printer.proxy.stop()));
    return printer;
  };
  try {
    const reportPath = path.join(root, 'report.pdf');
    const photoPath = path.join(root, 'photos.pdf');
    await writeFile(reportPath, inputs.reportPdf);
    await writeFile(photoPath, inputs.photoPdf);
    const rasterCaps = { documentFormats: ['image/pwg-raster'], resolutionsDpi: [300], isColor: true };
    const pdfPrinter = await start(colorDuplexPdfPrinter({ name: 'Bench PDF', spoolDir: path.join(root, 'spool-pdf'), pagesPerMinute: 6000 }), { documentFormats: ['application/pdf'], isColor: true });
    const rasterA = await start(monoRasterPrinter({ name: 'Bench Raster A', isColor: true, spoolDir: path.join(root, 'spool-a'), pagesPerMinute: 6000 }), rasterCaps);
    const rasterB = await start(monoRasterPrinter({ name: 'Bench Raster B', isColor: true, spoolDir: path.join(root, 'spool-b'), pagesPerMinute: 6000 }), rasterCaps);
    const storeRoot = path.join(root, 'store');

    const pdfRun = await runJobs(storeRoot, [{ name: 'pdf200', pdfPath: reportPath, printer: pdfPrinter }]);
    const photoRun = await runJobs(storeRoot, [{ name: 'photos', pdfPath: photoPath, printer: rasterA }]);
    await whenIdle(rasterA);
    const twoRun = await runJobs(storeRoot, [
      { name: 'photos_a', pdfPath: photoPath, printer: rasterA },
      { name: 'photos_b', pdfPath: photoPath, printer: rasterB },
    ]);
    const pdfTiming = pdfRun.timings.get('pdf200');
    const photoTiming = photoRun.timings.get('photos');
    const since = (timing: TJobTiming | undefined, from: 'convertAt' | 'sendAt') => (timing?.firstPageAt ? timing.firstPageAt - timing[from] : null);
    return {
      worker_peak_rss_mb: Math.round(photoRun.peakBytes / MB),
      two_jobs_peak_rss_mb: Math.round(twoRun.peakBytes / MB),
      first_page_at_printer_ms_pdf200: since(pdfTiming, 'convertAt'),
      first_page_at_printer_ms_photos: since(photoTiming, 'convertAt'),
      send_to_first_page_ms_pdf200: since(pdfTiming, 'sendAt'),
      send_to_first_page_ms_photos: since(photoTiming, 'sendAt'),
      photo_raster_mb: Math.round((photoTiming?.bytes ?? 0) / MB),
    };
  } finally {
    for (const stop of stops) await stop();
  }
}
