import { createHash } from 'node:crypto';
import type { TMedia } from '@/lib/job-options/media';
import { classifyPageColor, type TInkCoverage } from './classify-page-color';
import { detectDocumentType, type TDocumentType } from './detect-document-type';
import { DocumentError } from './document-error';
import type { TOfficeConversionOptions } from './normalise/convert-office-to-pdf';
import { normalise } from './normalise/normalise';
import { getPageGeometry } from './get-page-geometry';
import { renderPages } from './render-pages';
import { DEFAULT_THUMBNAIL_WIDTH_PX, makeThumbnail, maxDpiFor, rasterBytes, type TThumbnail } from './render-thumbnails';
import { savePdf } from './save-pdf';

export type TPageInspection = {
  pageNumber: number;
  /** As printed: CropBox with /Rotate applied, in points. */
  widthPt: number;
  heightPt: number;
  rotation: 0 | 90 | 180 | 270;
  isColor: boolean;
  coverage: TInkCoverage;
};

export type TDocumentInspection = {
  type: TDocumentType;
  mime: string;
  hasMismatchedExtension: boolean;
  /** Of the uploaded bytes, hex. */
  sha256: string;
  pageCount: number;
  colorPageCount: number;
  pages: TPageInspection[];
  /** Every page's (or the first `thumbnailCount`), made here so the web never renders a page itself. */
  thumbnails: TThumbnail[];
  /** The normalised PDF that was inspected: store it and print exactly this. */
  pdf: Uint8Array;
};

export type TInspectOptions = {
  filename?: string;
  maxBytes?: number;
  maxPages?: number;
  /** Layout paper for text and images (see `normalise`). */
  media?: TMedia;
  thumbnailCount?: number;
  thumbnailWidthPx?: number;
  timeoutMs?: number;
  office?: TOfficeConversionOptions;
  onProgress?: (progress: { pagesDone: number; totalPages: number }) => void;
};

/** Resolution of the colour analysis: enough for a 1 mm mark, fast enough for 2000 pages. */
export const ANALYSIS_DPI = 36;

/**
 * Everything the quote and the page map need, right after upload: type, page count
 * and sizes, which pages really are colour (`classifyPageColor`), every page's thumbnail, sha256.
 * All pages are rendered by one Ghostscript process and reported as they come
 * (`onProgress`); a page Ghostscript cannot render makes the document `damaged`.
 * What is inspected is pdf-lib's re-serialisation of the normalised document, the
 * same bytes the pipeline prints: a file that different parsers read differently
 * cannot preview as one thing and print as another.
 */
export async function inspectDocument(bytes: Uint8Array, options: TInspectOptions = {}): Promise<TDocumentInspection> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const detected = await detectDocumentType(bytes, { filename: options.filename, maxBytes: options.maxBytes });
  const doc = await normalise({ bytes, detected }, { media: options.media, maxPages: options.maxPages, office: options.office });
  const pdf = await savePdf(doc);
  const pages: TPageInspection[] = doc.getPages().map((page, index) => {
    const { widthPt, heightPt, rotation } = getPageGeometry(page);
    return { pageNumber: index + 1, widthPt, heightPt, rotation, isColor: false, coverage: { c: 0, m: 0, y: 0, k: 0 } };
  });

  const thumbnailCount = options.thumbnailCount ?? Number.POSITIVE_INFINITY;
  const widthPx = options.thumbnailWidthPx ?? DEFAULT_THUMBNAIL_WIDTH_PX;
  const dpi = Math.min(ANALYSIS_DPI, maxDpiFor(pages));
  // Each page's thumbnail is made as soon as the page arrives, so only small PNGs pile up.
  const thumbnails: Promise<TThumbnail>[] = [];
  options.onProgress?.({ pagesDone: 0, totalPages: pages.length });
  const isCustomerPdf = detected.type === 'pdf' || detected.isOffice;
  const rendered = await renderPages(pdf, {
    dpi,
    maxOutputBytes: rasterBytes(pages, dpi),
    timeoutMs: options.timeoutMs,
    onPage: (frame) => {
      const page = pages[frame.pageNumber - 1];
      if (!page) return;
      const { isColor, coverage } = classifyPageColor(frame.rgb, frame.width, frame.height);
      page.isColor = isColor;
      page.coverage = coverage;
      if (frame.pageNumber <= thumbnailCount) thumbnails.push(makeThumbnail(frame, widthPx));
      options.onProgress?.({ pagesDone: frame.pageNumber, totalPages: pages.length });
    },
  }).catch((error: unknown) => {
    // Ghostscript failing on a customer's PDF is the PDF's fault; on our own layout it is ours.
    if (isCustomerPdf && error instanceof DocumentError && error.code === 'conversion_failed') {
      throw new DocumentError('damaged', undefined, { cause: error, details: error.details });
    }
    throw error;
  });
  if (rendered !== pages.length) {
    throw new DocumentError(isCustomerPdf ? 'damaged' : 'conversion_failed', undefined, {
      details: `Ghostscript rendered ${rendered} of ${pages.length} pages`,
    });
  }
  return {
    type: detected.type,
    mime: detected.mime,
    hasMismatchedExtension: detected.hasMismatchedExtension,
    sha256,
    pageCount: pages.length,
    colorPageCount: pages.filter((p) => p.isColor).length,
    pages,
    thumbnails: await Promise.all(thumbnails),
    pdf,
  };
}
