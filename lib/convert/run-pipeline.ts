import { writeFile } from 'node:fs/promises';
import type { PDFDocument } from 'pdf-lib';
import { isDuplex, type TJobOptions, type TSides } from '@/lib/job-options/job-options';
import { chooseOutput, type TOutputFormat, type TPrinterOutputCaps, ZPrinterOutputCaps } from './choose-output';
import { detectDocumentType } from '@/lib/documents/detect-document-type';
import { collateCopies } from './filters/collate-copies';
import { composeFilters } from './filters/compose-filters';
import { fitToMedia } from './filters/fit-to-media';
import { forceMono } from './filters/force-mono';
import { mergeDocuments } from './filters/merge-documents';
import { nUp } from './filters/n-up';
import { normalise, type TNormaliseOptions } from '@/lib/documents/normalise/normalise';
import { selectPageNumbers, selectPages } from './filters/select-pages';
import { savePdf } from '@/lib/documents/save-pdf';
import { toPwgRaster, toPwgRasterFile, type TToPwgRasterOptions } from '@/lib/raster/to-pwg-raster';
import type { TRasterAtSend } from '@/lib/raster/raster-at-send';

export type TPipelineDocument = {
  /** Best passed the inspection's normalised PDF (`inspection.pdf`); any accepted upload works. */
  bytes: Uint8Array;
  filename?: string;
  /** Pages (1-based, document numbering) to print in grey although they have colour; honoured in colour mode "auto". */
  forcedMonoPages?: number[];
  /**
   * The pages to print, in order (the order's snapshot, lib/quote/job-snapshot.ts). Without it
   * the job's page ranges select them.
   */
  selectedPages?: number[];
};

export type TPipelineSettings = TNormaliseOptions & {
  timeoutMs?: number;
  maxOutputBytes?: number;
  onProgress?: (progress: { pagesDone: number; totalPages: number }) => void;
};

export type TPipelineResult = TPipelineOutputInfo & { data: Buffer };

/**
 * runPipelineToFile's answer: the output is in the file, `outputBytes` long. With `outputRaster`
 * the file is the imposed PDF, rendered to that raster as it is sent (lib/convert/raster-at-send.ts).
 */
export type TPipelineFileResult = TPipelineOutputInfo & { outputBytes: number; outputRaster: TRasterAtSend | null };

export type TPipelineOutputInfo = {
  format: TOutputFormat;
  /** Pages (impressions) in `data`, copies made by the pipeline included. */
  pageCount: number;
  /** Sheets of paper `data` uses. */
  sheetCount: number;
  /** Send as IPP `copies`: >1 only when the printer makes the copies itself. */
  copiesForPrinter: number;
  /** IPP `sides` and `print-color-mode` to send with the job. */
  sides: TSides;
  printColorMode: 'color' | 'monochrome';
  resolutionDpi: number | null;
};

/**
 * Turns a paid job into what its printer takes. Per document: normalise (any upload →
 * PDF), forceMono (customer-forced pages, before pages move), selectPages; then the
 * documents are merged and imposed: nUp, fitToMedia (portrait sheets of the job's
 * media), collateCopies (only when the printer cannot copy); then the output stage
 * picks PDF or PWG raster from the printer's capabilities. Everything stays in memory;
 * Ghostscript reads and writes through pipes. For small jobs and tests; the worker uses
 * runPipelineToFile.
 */
export async function runPipeline(input: TPipelineDocument | TPipelineDocument[], options: TJobOptions, printer: TPrinterOutputCaps, settings: TPipelineSettings = {}): Promise<TPipelineResult> {
  const { output, ...info } = await convert(input, options, printer, settings, (pdf, raster) =>
    raster ? toPwgRaster(pdf, raster) : Promise.resolve(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength)),
  );
  return { ...info, data: output };
}

/**
 * runPipeline with the output written to `outputPath` instead of returned: PWG raster goes from
 * Ghostscript to the file page by page (a 50-photo job is a gigabyte), never held whole. PDF
 * output is written from memory: pdf-lib builds the whole document anyway, and it is the size
 * of the customer's files, not of their pixels. With `rasterAtSend` a raster job stops before
 * Ghostscript: the file is the imposed PDF and the raster is made as the job is sent, so the
 * printer gets its first page seconds after conversion starts instead of after the last page is
 * rendered. The file is the caller's to remove, also on failure.
 */
export async function runPipelineToFile(
  input: TPipelineDocument | TPipelineDocument[],
  options: TJobOptions,
  printer: TPrinterOutputCaps,
  outputPath: string,
  settings: TPipelineSettings & { rasterAtSend?: boolean } = {},
): Promise<TPipelineFileResult> {
  const { output, ...info } = await convert(input, options, printer, settings, async (pdf, raster) => {
    if (raster && !settings.rasterAtSend) return { outputBytes: await toPwgRasterFile(pdf, outputPath, raster), outputRaster: null };
    await writeFile(outputPath, pdf, { mode: 0o600 });
    return { outputBytes: pdf.byteLength, outputRaster: raster && { resolutionDpi: raster.resolutionDpi, isMono: raster.isMono, sides: raster.sides } };
  });
  return { ...info, ...output };
}

/** Writes the converted PDF out: as is, or rasterised with these options when the printer takes raster only. */
type TWriteOutput<T> = (pdf: Uint8Array, raster: TToPwgRasterOptions | null) => Promise<T>;

async function convert<T>(
  input: TPipelineDocument | TPipelineDocument[],
  options: TJobOptions,
  printer: TPrinterOutputCaps,
  settings: TPipelineSettings,
  writeOutput: TWriteOutput<T>,
): Promise<TPipelineOutputInfo & { output: T }> {
  const caps = ZPrinterOutputCaps.parse(printer);
  const documents = Array.isArray(input) ? input : [input];
  const isTwoSided = isDuplex(options.sides);
  const plan = chooseOutput(caps, { isMono: options.colorMode === 'monochrome' });

  const prepared: PDFDocument[] = [];
  for (const document of documents) {
    // The upload limit was enforced when the file came in; a normalised PDF may be a little larger.
    const detected = await detectDocumentType(document.bytes, { filename: document.filename, maxBytes: Number.MAX_SAFE_INTEGER });
    const doc = await normalise({ bytes: document.bytes, detected }, settings);
    prepared.push(
      await composeFilters(
        forceMono(options.colorMode === 'auto' ? (document.forcedMonoPages ?? []) : [], settings),
        document.selectedPages ? selectPageNumbers(document.selectedPages) : selectPages(options.pageRanges),
      )(doc),
    );
  }
  const merged = await mergeDocuments(prepared, {
    pagesPerSheet: options.pagesPerSheet,
    isDuplex: isTwoSided,
    media: options.media,
  });
  const copiesInData = caps.canCopy ? 1 : options.copies;
  const doc = await composeFilters(nUp(options.pagesPerSheet, options.media), fitToMedia(options.media), collateCopies(copiesInData, { isDuplex: isTwoSided }))(merged);

  const pageCount = doc.getPageCount();
  const pdf = await savePdf(doc);
  const report = (pagesDone: number) => settings.onProgress?.({ pagesDone, totalPages: pageCount });
  const output = await writeOutput(
    pdf,
    plan.format === 'application/pdf'
      ? null
      : { resolutionDpi: plan.resolutionDpi, isMono: plan.isMono, sides: options.sides, timeoutMs: settings.timeoutMs, maxOutputBytes: settings.maxOutputBytes, onPage: report },
  );
  report(pageCount);
  return {
    output,
    format: plan.format,
    pageCount,
    sheetCount: isTwoSided ? Math.ceil(pageCount / 2) : pageCount,
    copiesForPrinter: caps.canCopy ? options.copies : 1,
    sides: options.sides,
    printColorMode: plan.isMono ? 'monochrome' : 'color',
    resolutionDpi: plan.format === 'image/pwg-raster' ? plan.resolutionDpi : null,
  };
}
