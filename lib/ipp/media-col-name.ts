import type { TIppAttributes } from '@/lib/ipp/ipp-codec';
import { getCollections, getInteger, getString } from '@/lib/ipp/ipp-values';
import { MEDIA } from '@/lib/job-options/media';

const HUNDREDTHS_MM_PER_POINT = 2540 / 72;
/** PWG 5101.1 sizes are rounded to whole millimetres or 1/100 in; 1 mm covers both. */
const TOLERANCE = 100;

/**
 * The PWG media name of a media-col value. `media-size-name` is optional in a
 * media-col (PWG 5100.3), so when it is missing the `media-size` dimensions
 * (hundredths of a millimetre, portrait or landscape) are matched against the sizes
 * Nearprint sells. Returns null for a size Nearprint does not know.
 */
export function mediaColName(mediaCol: TIppAttributes): string | null {
  const name = getString(mediaCol, 'media-size-name');
  if (name) return name;
  const size = getCollections(mediaCol, 'media-size')[0];
  if (!size) return null;
  const x = getInteger(size, 'x-dimension');
  const y = getInteger(size, 'y-dimension');
  if (x === null || y === null) return null;
  const [short, long] = x <= y ? [x, y] : [y, x];
  const match = Object.entries(MEDIA).find(
    ([, media]) => Math.abs(media.widthPt * HUNDREDTHS_MM_PER_POINT - short) <= TOLERANCE && Math.abs(media.heightPt * HUNDREDTHS_MM_PER_POINT - long) <= TOLERANCE,
  );
  return match?.[0] ?? null;
}
