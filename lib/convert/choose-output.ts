import { z } from 'zod';
import { DocumentError } from '@/lib/documents/document-error';

export const OUTPUT_FORMATS = ['application/pdf', 'image/pwg-raster'] as const;
export type TOutputFormat = (typeof OUTPUT_FORMATS)[number];

/** What the output stage needs to know about the target printer (from its IPP attributes). */
export const ZPrinterOutputCaps = z.object({
  /** document-format-supported */
  documentFormats: z.array(z.string()),
  /** pwg-raster-document-resolution-supported, in dots per inch */
  resolutionsDpi: z.array(z.number().int().positive()).default([]),
  /** color-supported */
  isColor: z.boolean(),
  /** copies-supported allows more than 1: the printer repeats the document itself. */
  canCopy: z.boolean().default(false),
});
export type TPrinterOutputCaps = z.input<typeof ZPrinterOutputCaps>;

export type TOutputPlan = { format: 'application/pdf'; isMono: boolean } | { format: 'image/pwg-raster'; isMono: boolean; resolutionDpi: number };

export const PREFERRED_RASTER_DPI = 300;

/**
 * PDF whenever the printer lists it (it keeps vectors and is a fraction of the size),
 * otherwise PWG raster, the format every IPP Everywhere printer must take. Raster
 * resolution: 300 dpi when offered (sharp text, a quarter of 600's data), else the
 * offered one closest to 300 (the higher on a tie); 300 when the printer lists none.
 * A mono job or a mono printer gets 8-bit grey raster.
 */
export function chooseOutput(printer: TPrinterOutputCaps, options: { isMono: boolean }): TOutputPlan {
  const isMono = options.isMono || !printer.isColor;
  if (printer.documentFormats.includes('application/pdf')) return { format: 'application/pdf', isMono };
  if (printer.documentFormats.includes('image/pwg-raster')) {
    return { format: 'image/pwg-raster', isMono, resolutionDpi: pickResolution(printer.resolutionsDpi ?? []) };
  }
  throw new DocumentError('printer_unsupported', undefined, {
    details: `document-format-supported: ${printer.documentFormats.join(', ')}`,
  });
}

function pickResolution(offered: number[]): number {
  if (offered.length === 0 || offered.includes(PREFERRED_RASTER_DPI)) return PREFERRED_RASTER_DPI;
  return [...offered].sort((a, b) => Math.abs(a - PREFERRED_RASTER_DPI) - Math.abs(b - PREFERRED_RASTER_DPI) || b - a)[0];
}
