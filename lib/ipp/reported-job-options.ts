import { finishingEnumValue, finishingKeyword } from '@/lib/ipp/finishings';
import type { TIppAttributes } from '@/lib/ipp/ipp-codec';
import { getCollections, getEnums, getInteger, getRanges, getString } from '@/lib/ipp/ipp-values';
import { mediaColName } from '@/lib/ipp/media-col-name';

/** The Job Template values a printer recorded for a job; null where it recorded none. */
export type TReportedJobOptions = {
  media: string | null;
  sides: string | null;
  printColorMode: string | null;
  copies: number | null;
  finishings: string[] | null;
  pageRanges: [number, number][] | null;
};

export const JOB_TEMPLATE_ATTRIBUTES = ['media', 'media-col', 'sides', 'print-color-mode', 'copies', 'finishings', 'page-ranges'];

/**
 * Reads the recorded options from Get-Job-Attributes. A printer may record the size
 * as `media` or only as `media-col` (possibly with dimensions and no name);
 * finishings the package cannot name stay as their enum number.
 */
export function mapReportedJobOptions(attributes: TIppAttributes): TReportedJobOptions {
  const mediaCol = getCollections(attributes, 'media-col')[0];
  const finishings = getEnums(attributes, 'finishings').map((value) => {
    const n = finishingEnumValue(value);
    return (n === null ? null : finishingKeyword(n)) ?? String(value);
  });
  const pageRanges = getRanges(attributes, 'page-ranges');
  return {
    media: getString(attributes, 'media') ?? (mediaCol ? mediaColName(mediaCol) : null),
    sides: getString(attributes, 'sides'),
    printColorMode: getString(attributes, 'print-color-mode'),
    copies: getInteger(attributes, 'copies'),
    finishings: finishings.length > 0 ? finishings : null,
    pageRanges: pageRanges.length > 0 ? pageRanges : null,
  };
}
