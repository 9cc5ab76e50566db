import { z } from 'zod';

/**
 * The paper sizes Nearprint sells, keyed by PWG 5101.1 self-describing media name
 * (the same keyword printers report in media-supported). Dimensions are portrait,
 * in PostScript points (1/72 in), the unit pdf-lib uses.
 */
export const MEDIA = {
  iso_a4_210x297mm: { label: 'A4', widthPt: 595.28, heightPt: 841.89 },
  iso_a3_297x420mm: { label: 'A3', widthPt: 841.89, heightPt: 1190.55 },
  iso_a5_148x210mm: { label: 'A5', widthPt: 419.53, heightPt: 595.28 },
  'na_letter_8.5x11in': { label: 'US Letter', widthPt: 612, heightPt: 792 },
  'na_legal_8.5x14in': { label: 'US Legal', widthPt: 612, heightPt: 1008 },
  na_ledger_11x17in: { label: 'Tabloid', widthPt: 792, heightPt: 1224 },
} as const;

export type TMedia = keyof typeof MEDIA;
export const MEDIA_NAMES = Object.keys(MEDIA) as [TMedia, ...TMedia[]];
export const ZMedia = z.enum(MEDIA_NAMES, { message: 'Unknown paper size' });

export function isKnownMedia(name: string): name is TMedia {
  return name in MEDIA;
}
