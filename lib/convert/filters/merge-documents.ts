import type { PDFDocument } from 'pdf-lib';
import { MEDIA, type TMedia } from '@/lib/job-options/media';

/**
 * Joins a job's documents into one, in order. With two-sided printing or several pages
 * per sheet, each document is padded with blank pages so that the next one starts on
 * a fresh sheet (never on the back of, or in a cell beside, the previous document).
 */
export async function mergeDocuments(docs: PDFDocument[], options: { pagesPerSheet: number; isDuplex: boolean; media: TMedia }): Promise<PDFDocument> {
  const [first, ...rest] = docs;
  const pagesPerSheet = options.pagesPerSheet * (options.isDuplex ? 2 : 1);
  const { widthPt, heightPt } = MEDIA[options.media];
  for (const doc of rest) {
    while (first.getPageCount() % pagesPerSheet !== 0) first.addPage([widthPt, heightPt]);
    const copied = await first.copyPages(doc, doc.getPageIndices());
    for (const page of copied) first.addPage(page);
  }
  return first;
}
