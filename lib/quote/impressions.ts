import type { TJobOptions } from '@/lib/job-options/job-options';

/**
 * What gets printed for one copy: printed sides (impressions) split into colour and mono,
 * and the sheets they need. An impression is one side of a sheet after n-up.
 */
export type TImpressions = { colorImpressions: number; monoImpressions: number; sheets: number };

/** Per source page: is it colour (after the customer's forced-mono choices). */
export type TPageColors = readonly boolean[];

/**
 * Impressions for one copy from the selected pages' colours. With pages-per-sheet n, pages
 * are laid out n to a side in order, and a side is colour when any page on it is colour.
 * colorMode "color" prints every side in colour, "monochrome" none, "auto" follows the pages.
 */
export function impressionsFromPages(pages: TPageColors, options: Pick<TJobOptions, 'colorMode' | 'pagesPerSheet' | 'sides'>): TImpressions {
  const perSide = options.pagesPerSheet;
  const sides = Math.ceil(pages.length / perSide);
  let colorSides = 0;
  if (options.colorMode === 'color') colorSides = sides;
  else if (options.colorMode === 'auto') {
    for (let side = 0; side < sides; side++) {
      if (pages.slice(side * perSide, (side + 1) * perSide).some(Boolean)) colorSides++;
    }
  }
  return { colorImpressions: colorSides, monoImpressions: sides - colorSides, sheets: sheetsFor(sides, options.sides) };
}

/**
 * Impressions for one copy when only counts are known (a typed page count, or the search
 * before upload): colour pages are assumed to sit together, so they fill ceil(colour / n) sides.
 */
export function impressionsFromCounts(counts: { pageCount: number; colorPageCount: number }, options: Pick<TJobOptions, 'colorMode' | 'pagesPerSheet' | 'sides'>): TImpressions {
  const sides = Math.ceil(counts.pageCount / options.pagesPerSheet);
  const colorSides =
    options.colorMode === 'color' ? sides : options.colorMode === 'monochrome' ? 0 : Math.min(sides, Math.ceil(Math.min(counts.colorPageCount, counts.pageCount) / options.pagesPerSheet));
  return { colorImpressions: colorSides, monoImpressions: sides - colorSides, sheets: sheetsFor(sides, options.sides) };
}

function sheetsFor(impressions: number, sides: TJobOptions['sides']): number {
  return sides === 'one-sided' ? impressions : Math.ceil(impressions / 2);
}

/**
 * A job of several documents: each document starts on a fresh sheet (the print pipeline pads
 * between them, lib/convert/filters/merge-documents.ts), so impressions add up per document.
 * Blank padding sides are not charged.
 */
export function impressionsForDocuments(documents: TPageColors[], options: Pick<TJobOptions, 'colorMode' | 'pagesPerSheet' | 'sides'>): TImpressions {
  return documents
    .map((pages) => impressionsFromPages(pages, options))
    .reduce(
      (total, each) => ({ colorImpressions: total.colorImpressions + each.colorImpressions, monoImpressions: total.monoImpressions + each.monoImpressions, sheets: total.sheets + each.sheets }),
      {
        colorImpressions: 0,
        monoImpressions: 0,
        sheets: 0,
      },
    );
}

/** Impressions the customer paid for: per copy from the quote, times copies. */
export function paidImpressions(quote: { impressions: TImpressions; copies: number }): number {
  return (quote.impressions.colorImpressions + quote.impressions.monoImpressions) * quote.copies;
}
