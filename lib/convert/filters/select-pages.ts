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
