import type { PDFDocument } from 'pdf-lib';

/**
 * A filter transforms the in-memory document (the pipeline's unit of work, after the
 * Windows print path's filter bundles): it may change the document it is given and
 * returns the document to pass on. Nothing is serialised between filters.
 */
export type TFilter = (doc: PDFDocument) => Promise<PDFDocument>;

export function composeFilters(...filters: TFilter[]): TFilter {
  return async (doc) => {
    let current = doc;
    for (const filter of filters) current = await filter(current);
    return current;
  };
}
