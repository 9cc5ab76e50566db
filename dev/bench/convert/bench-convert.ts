/**
 * Conversion benchmark: pages per second for inspection and for each pipeline path,
 * beside Ghostscript and qpdf doing the comparable raw operation on the same input in
 * the same run, as ratios. `--quick` uses smaller inputs (under a minute). Then the worker's print
 * path (measure-streaming.ts): peak RSS of a worker process and its children converting and sending
 * the photo job to a raster-only ippeveprinter, alone and two at once, and when the first page
 * reaches the printer.
 * Usage: tsx dev/bench/convert/bench-convert.ts [--quick]
 * The last line of output is one JSON object (see docs/BENCHMARKS.md).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import type { TJobOptions } from '@/lib/job-options/job-options';
import { makePhotoJpeg } from '@/lib/documents/fixtures/make-fixtures';
import { inspectDocument } from '@/lib/documents/inspect-document';
import { runPipeline } from '@/lib/convert/run-pipeline';
import { runBench } from '../bench-exit';
import { runProcess } from '@/lib/documents/run-process';
import { measureStreaming } from './measure-streaming';

const isQuick = process.argv.includes('--quick');
const PDF_PAGES = isQuick ? 40 : 200;
const PHOTOS = isQuick ? 10 : 50;
const PHOTO_SIZE = isQuick ? { width: 1600, height: 1200 } : { width: 4000, height: 3000 };

const job: TJobOptions = { media: 'iso_a4_210x297mm', colorMode: 'auto', sides: 'one-sided', copies: 1, pagesPerSheet: 1, finishing: 'none' };
const pdfPrinter = { documentFormats: ['application/pdf'], isColor: true };
const rasterPrinter = { documentFormats: ['image/pwg-raster'], resolutionsDpi: [300], isColor: true };
const RASTER_ARGS = ['-sDEVICE=pwgraster', '-r300', '-dcupsBitsPerColor=8', '-dcupsColorOrder=0', '-dcupsColorSpace=19'];

/** A report-like document: text on every page, a colour chart on every fifth, a photo on every tenth. */
async function makeReportPdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const photo = await doc.embedJpg(await makePhotoJpeg({ width: 1200, height: 800 }));
  for (let n = 1; n <= pages; n++) {
    const page = doc.addPage([595.28, 841.89]);
    page.drawText(`Section ${n}`, { x: 56, y: 780, size: 20, font });
    for (let line = 0; line < 44; line++) {
      page.drawText('Quarterly figures, methodology notes and a paragraph of body text.', { x: 56, y: 750 - line * 15, size: 10, font });
    }
    if (n % 5 === 0) {
      for (let bar = 0; bar < 6; bar++) {
        page.drawRectangle({ x: 80 + bar * 70, y: 120, width: 40, height: 40 + bar * 25, color: rgb(bar / 6, 0.4, 1 - bar / 6) });
      }
    }
    if (n % 10 === 0) page.drawImage(photo, { x: 300, y: 60, width: 240, height: 160 });
  }
  return doc.save();
}

async function timed<T>(run: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const started = process.hrtime.bigint();
  const value = await run();
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, value };
}

/** Ghostscript on the PDF written to a file first, as runGhostscript does (on stdin it is far slower for large PDFs). */
async function gs(args: string[], input: Uint8Array): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-gs-'));
  try {
    await writeFile(path.join(dir, 'in.pdf'), input);
    const result = await runProcess('gs', ['-dSAFER', '-dBATCH', '-dNOPAUSE', '-q', '-sstdout=%stderr', ...args, '-o', '-', path.join(dir, 'in.pdf')], {
      timeoutMs: 30 * 60_000,
      maxStdoutBytes: 64 * 1024 ** 3,
      onStdout: () => {},
    });
    if (result.exitCode !== 0) throw new Error(`gs failed: ${result.stderr}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** qpdf reads files only; the copy to disk is outside the timed part. */
async function qpdfRewrite(pdf: Uint8Array): Promise<number> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-qpdf-'));
  try {
    await writeFile(path.join(dir, 'in.pdf'), pdf);
    const { seconds } = await timed(() =>
      runProcess('qpdf', ['--object-streams=generate', path.join(dir, 'in.pdf'), '-'], {
        timeoutMs: 10 * 60_000,
        maxStdoutBytes: 1024 ** 3,
        onStdout: () => {},
      }),
    );
    return seconds;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const rate = (pages: number, seconds: number) => Math.round((pages / seconds) * 10) / 10;
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

async function main() {
  console.log(`bench:convert ${isQuick ? '(quick) ' : ''}— ${PDF_PAGES}-page PDF, ${PHOTOS}-photo job (${PHOTO_SIZE.width}×${PHOTO_SIZE.height} JPEG)`);
  const pdf = await makeReportPdf(PDF_PAGES);
  const base = await makePhotoJpeg(PHOTO_SIZE);
  // Distinct photos (no two identical files), made natively: JS pixel loops for 50×12 MP would dominate the run.
  const photos = await Promise.all(
    Array.from({ length: PHOTOS }, (_, i) =>
      sharp(base)
        .modulate({ hue: i * 7, brightness: 0.9 + (i % 5) * 0.05 })
        .jpeg({ quality: 85 })
        .toBuffer(),
    ),
  );

  const inspect = await timed(() => inspectDocument(pdf));
  const inspectGs = await timed(() => gs(['-sDEVICE=inkcov', '-r75'], pdf));
  const pdfPath = await timed(() => runPipeline({ bytes: pdf }, job, pdfPrinter));
  const qpdfSeconds = await qpdfRewrite(pdf);
  const rasterPath = await timed(() => runPipeline({ bytes: pdf }, job, rasterPrinter));
  const rasterGs = await timed(() => gs(RASTER_ARGS, pdf));

  const photoInspect = await timed(() => Promise.all(photos.map((bytes) => inspectDocument(bytes))));
  const photoPdf = await timed(() =>
    runPipeline(
      photos.map((bytes) => ({ bytes })),
      job,
      pdfPrinter,
    ),
  );
  // A full-colour photo page is ~25 MB of 300 dpi raster: lift the 1 GiB default cap for the whole job.
  const photoRaster = await timed(() =>
    runPipeline(
      photos.map((bytes) => ({ bytes })),
      job,
      rasterPrinter,
      { maxOutputBytes: 3 * 1024 ** 3 },
    ),
  );
  const photoRasterGs = await timed(() => gs(RASTER_ARGS, photoPdf.value.data));
  // Before this process's own peak is read: the print path runs in a separate worker process.
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const streaming = await measureStreaming({ reportPdf: pdf, photoPdf: photoPdf.value.data });

  const rows: [string, number, string][] = [
    ['inspect (ours: normalise + render + colour + thumbnails)', rate(PDF_PAGES, inspect.seconds), `${PDF_PAGES} p`],
    ['  gs inkcov, same PDF', rate(PDF_PAGES, inspectGs.seconds), `${PDF_PAGES} p`],
    ['PDF path (ours)', rate(PDF_PAGES, pdfPath.seconds), `${(pdfPath.value.data.length / 1e6).toFixed(1)} MB out`],
    ['  qpdf rewrite, same PDF', rate(PDF_PAGES, qpdfSeconds), `${PDF_PAGES} p`],
    ['raster path (ours, PWG 300 dpi sRGB)', rate(PDF_PAGES, rasterPath.seconds), `${(rasterPath.value.data.length / 1e6).toFixed(0)} MB out`],
    ['  gs pwgraster, same PDF', rate(PDF_PAGES, rasterGs.seconds), `${PDF_PAGES} p`],
    ['photos: inspect', rate(PHOTOS, photoInspect.seconds), `${PHOTOS} photos`],
    ['photos: PDF path', rate(PHOTOS, photoPdf.seconds), `${(photoPdf.value.data.length / 1e6).toFixed(1)} MB out`],
    ['photos: raster path', rate(PHOTOS, photoRaster.seconds), `${(photoRaster.value.data.length / 1e6).toFixed(0)} MB out`],
    ['  gs pwgraster, photo PDF', rate(PHOTOS, photoRasterGs.seconds), `${PHOTOS} p`],
  ];
  for (const [name, pagesPerSecond, note] of rows) console.log(`${name.padEnd(58)} ${String(pagesPerSecond).padStart(8)} pages/s   ${note}`);
  console.log(
    `print path (worker process + converter child + gs): photo job peak RSS ${streaming.worker_peak_rss_mb} MB (${streaming.photo_raster_mb} MB raster), two at once ${streaming.two_jobs_peak_rss_mb} MB; ` +
      `first page at printer ${streaming.first_page_at_printer_ms_pdf200} ms (PDF) / ${streaming.first_page_at_printer_ms_photos} ms (photos) after conversion start, ` +
      `${streaming.send_to_first_page_ms_pdf200} / ${streaming.send_to_first_page_ms_photos} ms after send start`,
  );

  const summary = {
    bench: 'convert',
    mode: isQuick ? 'quick' : 'full',
    pdf_pages: PDF_PAGES,
    photos: PHOTOS,
    inspect_pages_per_s: rate(PDF_PAGES, inspect.seconds),
    gs_inkcov_pages_per_s: rate(PDF_PAGES, inspectGs.seconds),
    inspect_over_gs: ratio(inspectGs.seconds, inspect.seconds),
    pdf_path_pages_per_s: rate(PDF_PAGES, pdfPath.seconds),
    qpdf_pages_per_s: rate(PDF_PAGES, qpdfSeconds),
    pdf_over_qpdf: ratio(qpdfSeconds, pdfPath.seconds),
    raster_path_pages_per_s: rate(PDF_PAGES, rasterPath.seconds),
    gs_raster_pages_per_s: rate(PDF_PAGES, rasterGs.seconds),
    raster_over_gs: ratio(rasterGs.seconds, rasterPath.seconds),
    photo_inspect_per_s: rate(PHOTOS, photoInspect.seconds),
    photo_pdf_path_pages_per_s: rate(PHOTOS, photoPdf.seconds),
    photo_raster_path_pages_per_s: rate(PHOTOS, photoRaster.seconds),
    photo_gs_raster_pages_per_s: rate(PHOTOS, photoRasterGs.seconds),
    photo_raster_over_gs: ratio(photoRasterGs.seconds, photoRaster.seconds),
    peak_rss_mb: peakRssMb,
    ...streaming,
    load_average_1m: Math.round(os.loadavg()[0] * 10) / 10,
  };
  console.log(JSON.stringify(summary));
}

runBench(main);
