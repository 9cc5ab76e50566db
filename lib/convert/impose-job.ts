import type { PDFDocument } from 'pdf-lib';
import { isDuplex, type TJobOptions } from '@/lib/job-options/job-options';
import { detectDocumentType } from '@/lib/documents/detect-document-type';
import { normalise, type TNormaliseOptions } from '@/lib/documents/normalise/normalise';
import { composeFilters, type TFilter } from './filters/compose-filters';
import { fitToMedia } from './filters/fit-to-media';
import { forceMono } from './filters/force-mono';
import { mergeDocuments } from './filters/merge-documents';
import { nUp } from './filters/n-up';
import { selectPageNumbers, selectPages } from './filters/select-pages';

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

export type TImposeSettings = TNormaliseOptions & { timeoutMs?: number };

export type TImposedJob = {
  /** One page per printed side, each a portrait sheet of the job's media, in print order; copies not yet made. */
  doc: PDFDocument;
  /**
   * Per page of `doc`: whether the side reads landscape (a 2-up sheet of portrait pages), i.e.
   * `fitToMedia` turned it a quarter counter-clockwise onto the portrait paper. A preview turns
   * it back so the customer sees the side the way they will hold it.
   */
  isLandscapeSide: boolean[];
};

/**
 * The filter pipeline's imposition, shared by the print conversion (runPipeline) and the
 * customer's layout preview (previewSheets), so a preview shows exactly what the printer gets.
 * Per document: normalise (any upload → PDF), forceMono (customer-forced pages, before pages
 * move), selectPages; then the documents are merged (each starting on a fresh sheet) and
 * imposed: nUp, fitToMedia (portrait sheets of the job's media).
 */
export async function imposeJob(documents: TPipelineDocument[], options: TJobOptions, settings: TImposeSettings = {}): Promise<TImposedJob> {
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
    isDuplex: isDuplex(options.sides),
    media: options.media,
  });
  const isLandscapeSide: boolean[] = [];
  const recordOrientation: TFilter = async (doc) => {
    for (const page of doc.getPages()) {
      const { width, height } = page.getSize();
      const isTurned = page.getRotation().angle % 180 !== 0;
      isLandscapeSide.push(isTurned ? height > width : width > height);
    }
    return doc;
  };
  const doc = await composeFilters(nUp(options.pagesPerSheet, options.media), recordOrientation, fitToMedia(options.media))(merged);
  return { doc, isLandscapeSide };
}
