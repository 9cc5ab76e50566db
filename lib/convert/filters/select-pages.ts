import type { TFilter } from './compose-filters';
import { DocumentError } from '@/lib/documents/document-error';
import { isPageRangeError, parsePageRanges } from '@/lib/job-options/parse-page-ranges';
import { replacePages } from './replace-pages';

/** Keeps only the pages `ranges` selects ("1-3,5,8-", see `parsePageRanges`); no ranges keeps all. */
export function selectPages(ranges: string | undefined): TFilter {
  return async (doc) => {
    if (!ranges) return doc;
    const pages = doc.getPages();
    let selected: number[];
    try {
      selected = parsePageRanges(ranges, pages.length);
    } catch (error) {
      throw isPageRangeError(error) ? new DocumentError('invalid_page_range', error.message) : error;
    }
    if (selected.length === pages.length) return doc;
    replacePages(
      doc,
      selected.map((pageNumber) => pages[pageNumber - 1]),
    );
    return doc;
  };
}

/**
 * Keeps exactly these pages (1-based), in this order: the order's frozen selection. A page the
 * document does not have means the file is not the one the order was priced for.
 */
export function selectPageNumbers(pageNumbers: readonly number[]): TFilter {
  return async (doc) => {
    const pages = doc.getPages();
    const missing = pageNumbers.filter((n) => !Number.isInteger(n) || n < 1 || n > pages.length);
    if (missing.length || pageNumbers.length === 0) {
      throw new DocumentError('conversion_failed', undefined, { details: `selectPageNumbers: pages ${missing.join(',') || '(none)'} of ${pages.length}` });
    }
    if (pageNumbers.length === pages.length && pageNumbers.every((n, i) => n === i + 1)) return doc;
    replacePages(
      doc,
      pageNumbers.map((n) => pages[n - 1]),
    );
    return doc;
  };
}
