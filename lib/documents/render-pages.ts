import { DocumentError } from './document-error';
import { createPpmStreamParser } from './parse-ppm-stream';
import { runGhostscript } from './run-ghostscript';

/**
 * Ghostscript's summary when a page's content failed part-way (corrupt stream, missing
 * resource): the page still comes out, but not as its author meant. Lesser complaints
 * (a substituted font, a repaired table) are tolerated: the page prints correctly.
 */
const PAGE_DRAWING_ERROR = /\*\*\*\* Error: Page drawing error/;

export type TRenderedPage = { pageNumber: number; width: number; height: number; rgb: Buffer };

export type TRenderPagesOptions = {
  dpi: number;
  /** 1-based; all pages when omitted. */
  pageNumbers?: number[];
  /** Upper bound on the raw pixels Ghostscript may write; callers size it from the page geometry. */
  maxOutputBytes: number;
  timeoutMs?: number;
  onPage: (page: TRenderedPage) => void;
};

/**
 * Renders pages to 8-bit sRGB with one Ghostscript process for the whole document,
 * handing each page over as soon as it is complete (inspection reports progress from
 * here). Renders the CropBox with /Rotate applied, i.e. what a printer prints.
 * Returns how many pages came out; Ghostscript exits 0 for a PDF it could not open, so
 * callers compare this with the page count they expected. A page Ghostscript could
 * only draw in part makes the document `damaged`.
 */
export async function renderPages(pdf: Uint8Array, options: TRenderPagesOptions): Promise<number> {
  const pageNumbers = options.pageNumbers ? [...new Set(options.pageNumbers)].sort((a, b) => a - b) : null;
  let rendered = 0;
  const parser = createPpmStreamParser((frame) => {
    const pageNumber = pageNumbers ? pageNumbers[rendered] : rendered + 1;
    rendered++;
    options.onPage({ pageNumber, ...frame });
  });
  const args = ['-sDEVICE=ppmraw', `-r${options.dpi}`, '-dUseCropBox'];
  if (pageNumbers) args.push(`-sPageList=${pageNumbers.join(',')}`);
  const { stderr } = await runGhostscript(args, {
    input: pdf,
    timeoutMs: options.timeoutMs,
    maxOutputBytes: options.maxOutputBytes,
    onStdout: (chunk) => parser.push(chunk),
  });
  if (PAGE_DRAWING_ERROR.test(stderr)) {
    throw new DocumentError('damaged', "This PDF is damaged: some of its pages can't be drawn correctly. Export or save it as PDF again, then upload the new file.", { details: stderr });
  }
  try {
    parser.finish();
  } catch (error) {
    throw new DocumentError('damaged', undefined, { cause: error, details: String(error) });
  }
  return rendered;
}
