import { ZPageRanges } from './job-options';

/** A page range the customer typed that selects nothing printable; the message says why. */
export class PageRangeError extends Error {
  readonly isExpected = true;
}

export function isPageRangeError(error: unknown): error is PageRangeError {
  return error instanceof PageRangeError;
}

/**
 * "1-3,5,8-" → the 1-based page numbers it selects from a `pageCount`-page document,
 * ascending and without repeats: IPP's page-ranges are ascending and non-overlapping,
 * so "5,1-3" prints 1, 2, 3, 5, the same pages the quote counted. Parts past the end
 * are ignored ("8-20" of 10 pages is 8-10); a backwards range, page 0, or a selection
 * with no pages at all is a PageRangeError.
 */
export function parsePageRanges(ranges: string, pageCount: number): number[] {
  const parsed = ZPageRanges.safeParse(ranges);
  if (!parsed.success) throw new PageRangeError('Use page ranges like 1-3,5,8-.');
  const selected = new Set<number>();
  for (const part of parsed.data.split(',')) {
    const [startText, endText] = part.split('-').map((s) => s.trim());
    const start = Number(startText);
    const end = endText === undefined ? start : endText === '' ? pageCount : Number(endText);
    if (start < 1) throw new PageRangeError('Pages are numbered from 1.');
    if (end < start) throw new PageRangeError(`The range ${part.trim()} runs backwards.`);
    for (let page = start; page <= Math.min(end, pageCount); page++) selected.add(page);
  }
  if (selected.size === 0) {
    throw new PageRangeError(`The pages "${ranges}" are not in this document: it has ${pageCount} page${pageCount === 1 ? '' : 's'}.`);
  }
  return [...selected].sort((a, b) => a - b);
}
