import sharp from 'sharp';
import { isDuplex, type TJobOptions } from '@/lib/job-options/job-options';
import { MEDIA } from '@/lib/job-options/media';
import { renderPages, type TRenderedPage } from '@/lib/documents/render-pages';
import { rasterBytes } from '@/lib/documents/render-thumbnails';
import { savePdf } from '@/lib/documents/save-pdf';
import { imposeJob, type TImposeSettings, type TPipelineDocument } from './impose-job';

/** Sheets shown by default: enough to see the layout, cheap enough to redo on every change. */
export const PREVIEW_DEFAULT_SHEETS = 2;
export const PREVIEW_MAX_SHEETS = 4;
/** Longest side of a preview image, in pixels (shown at about half that, so sharp on 2× screens). */
export const PREVIEW_LONG_SIDE_PX = 320;
/** Rendered at this many times the final size, then downscaled: Ghostscript at ~25 dpi draws text as noise. */
const OVERSAMPLE = 2;

export type TPreviewSide = 'front' | 'back' | 'single';

export type TPreviewImage = {
  sheetNumber: number;
  side: TPreviewSide;
  png: Buffer;
  widthPx: number;
  heightPx: number;
  /** The side reads landscape: the image is turned back from the portrait paper, as the customer will hold it. */
  isLandscape: boolean;
};

export type TSheetPreview = {
  images: TPreviewImage[];
  /** Sheets of paper the whole job uses per copy (not only the ones shown). */
  totalSheets: number;
  /** Pages of the imposed PDF the images were rendered from (printed sides). */
  imposedPageCount: number;
};

/** A document for the preview: the pages to print are known (the order snapshot's selection). */
export type TPreviewDocument = TPipelineDocument & { selectedPages: number[] };

/**
 * The customer's look at the first sheets before paying, made by the print pipeline's own
 * imposition (imposeJob) on only the pages those sheets hold, so the cost does not grow with
 * the document. One caveat is accepted: n-up picks the sheet orientation from most pages' shape,
 * here from the pages shown rather than the whole job (they differ only for mixed documents).
 */
export async function previewSheets(documents: TPreviewDocument[], options: TJobOptions, settings: TImposeSettings & { maxSheets?: number } = {}): Promise<TSheetPreview> {
  const maxSheets = Math.min(PREVIEW_MAX_SHEETS, Math.max(1, settings.maxSheets ?? PREVIEW_DEFAULT_SHEETS));
  const { documents: shown, totalSheets } = firstSheetsSelection(documents, options, maxSheets);
  const { doc, isLandscapeSide } = await imposeJob(shown, options, settings);
  const pdf = await savePdf(doc);
  const { widthPt, heightPt } = MEDIA[options.media];
  const dpi = Math.max(10, Math.round(((PREVIEW_LONG_SIDE_PX * OVERSAMPLE) / Math.max(widthPt, heightPt)) * 72));
  const pageCount = doc.getPageCount();
  const frames: TRenderedPage[] = [];
  await renderPages(pdf, {
    dpi,
    maxOutputBytes: rasterBytes(
      doc.getPages().map((p) => ({ widthPt: p.getWidth(), heightPt: p.getHeight() })),
      dpi,
    ),
    timeoutMs: settings.timeoutMs,
    onPage: (frame) => frames.push(frame),
  });
  const isTwoSided = isDuplex(options.sides);
  const images: TPreviewImage[] = [];
  for (const frame of frames) {
    const index = frame.pageNumber - 1;
    const isLandscape = isLandscapeSide[index] ?? false;
    let image = sharp(frame.rgb, { raw: { width: frame.width, height: frame.height, channels: 3 } });
    // fitToMedia turned a landscape side a quarter counter-clockwise onto the paper: turn it back.
    if (isLandscape) image = image.rotate(90);
    if (options.colorMode === 'monochrome') image = image.grayscale();
    const { data, info } = await image
      .resize({ width: PREVIEW_LONG_SIDE_PX, height: PREVIEW_LONG_SIDE_PX, fit: 'inside' })
      .png({ palette: true, effort: 1, compressionLevel: 9 })
      .toBuffer({ resolveWithObject: true });
    images.push({
      sheetNumber: isTwoSided ? Math.floor(index / 2) + 1 : index + 1,
      side: isTwoSided ? (index % 2 === 0 ? 'front' : 'back') : 'single',
      png: data,
      widthPx: info.width,
      heightPx: info.height,
      isLandscape,
    });
  }
  return { images, totalSheets, imposedPageCount: pageCount };
}

/**
 * The pages the first `maxSheets` sheets hold, per document, and how many sheets the whole job
 * takes. The pipeline starts every document on a fresh sheet (mergeDocuments), so each document
 * uses whole sheets: its pages rounded up to `pagesPerSheet × sides`.
 */
export function firstSheetsSelection<T extends { selectedPages: number[]; forcedMonoPages?: number[] }>(
  documents: T[],
  options: Pick<TJobOptions, 'pagesPerSheet' | 'sides'>,
  maxSheets: number,
): { documents: T[]; totalSheets: number } {
  const pagesPerSheet = options.pagesPerSheet * (isDuplex(options.sides) ? 2 : 1);
  let totalSheets = 0;
  let sheetsLeft = maxSheets;
  const shown: T[] = [];
  for (const document of documents) {
    const sheets = Math.ceil(document.selectedPages.length / pagesPerSheet);
    totalSheets += sheets;
    if (sheetsLeft <= 0 || sheets === 0) continue;
    const selectedPages = document.selectedPages.slice(0, sheetsLeft * pagesPerSheet);
    const kept = new Set(selectedPages);
    shown.push({ ...document, selectedPages, forcedMonoPages: document.forcedMonoPages?.filter((page) => kept.has(page)) });
    sheetsLeft -= Math.min(sheets, sheetsLeft);
  }
  return { documents: shown, totalSheets };
}
