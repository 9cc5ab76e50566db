import { writeFile } from 'node:fs/promises';
import { isDuplex, type TJobOptions, type TSides } from '@/lib/job-options/job-options';
import { chooseOutput, type TOutputFormat, type TPrinterOutputCaps, ZPrinterOutputCaps } from './choose-output';
import { collateCopies } from './filters/collate-copies';
import { imposeJob, type TImposeSettings, type TPipelineDocument } from './impose-job';
import { savePdf } from '@/lib/documents/save-pdf';
import { toPwgRaster, toPwgRasterFile, type TToPwgRasterOptions } from '@/lib/raster/to-pwg-raster';
import type { TRasterAtSend } from '@/lib/raster/raster-at-send';

export type { TPipelineDocument };

export type TPipelineSettings = TImposeSettings & {
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
 * Turns a paid job into what its printer takes: imposeJob (normalise, forceMono, selectPages,
 * merge, nUp, fitToMedia: portrait sheets of the job's media; the same step the customer's
 * layout preview runs), collateCopies (only when the printer cannot copy); then the output stage
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

  const { doc: imposed } = await imposeJob(documents, options, settings);
  const copiesInData = caps.canCopy ? 1 : options.copies;
  const doc = await collateCopies(copiesInData, { isDuplex: isTwoSided })(imposed);

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
