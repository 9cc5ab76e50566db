import type { TPrinterCapabilities } from '@/lib/ipp/printer-capabilities';
import type { TColorMode, TFinishing } from '@/lib/job-options/job-options';
import { isKnownMedia, MEDIA } from '@/lib/job-options/media';

export type TPrinterJobNeeds = {
  /** PWG media name. */
  media: string;
  colorMode: TColorMode;
  /**
   * With colorMode `auto`, whether the document has colour pages. Unknown counts as
   * yes, so a mono printer is never promised a job that has colour in it.
   */
  hasColorPages?: boolean;
  isDuplex: boolean;
  finishing: TFinishing | 'none';
  /** The job must go to the printer as PDF (e.g. it cannot be rasterised). */
  needsPdf?: boolean;
};

export type TCannotPrintCode = 'media_unsupported' | 'color_unsupported' | 'duplex_unsupported' | 'finishing_unsupported' | 'pdf_unsupported' | 'format_unsupported';

export type TPrintability = {
  canPrint: boolean;
  reasons: { code: TCannotPrintCode; message: string }[];
  /** Does not stop the job, but someone has to act first (load the paper). */
  warnings: { code: 'media_not_loaded'; message: string }[];
};

function mediaLabel(media: string): string {
  return isKnownMedia(media) ? MEDIA[media].label : media;
}

/**
 * Whether a printer, as its capabilities describe it, can print a job. Nearprint
 * sends PDF, or PWG raster made from it, so a printer that takes neither cannot be
 * used. Monochrome jobs need no mono mode on the printer: pages are converted to
 * grey before sending. Paper the printer supports but has not loaded is a warning.
 */
export function canPrinterDoJob(capabilities: TPrinterCapabilities, needs: TPrinterJobNeeds): TPrintability {
  const reasons: TPrintability['reasons'] = [];
  const warnings: TPrintability['warnings'] = [];
  const label = mediaLabel(needs.media);

  if (!capabilities.media.includes(needs.media)) {
    reasons.push({ code: 'media_unsupported', message: `This printer cannot print on ${label} paper.` });
  } else if (capabilities.mediaReady.length > 0 && !capabilities.mediaReady.includes(needs.media)) {
    warnings.push({ code: 'media_not_loaded', message: `${label} paper is not loaded in this printer.` });
  }

  const needsColor = needs.colorMode === 'color' || (needs.colorMode === 'auto' && needs.hasColorPages !== false);
  if (needsColor && !capabilities.isColor) {
    reasons.push({ code: 'color_unsupported', message: 'This printer prints in black and white only.' });
  }
  if (needs.isDuplex && !capabilities.isDuplex) {
    reasons.push({ code: 'duplex_unsupported', message: 'This printer cannot print on both sides.' });
  }
  if (needs.finishing !== 'none' && !capabilities.finishings.includes(needs.finishing)) {
    reasons.push({ code: 'finishing_unsupported', message: `This printer cannot ${needs.finishing} documents.` });
  }
  if (needs.needsPdf && !capabilities.supportsPdf) {
    reasons.push({ code: 'pdf_unsupported', message: 'This printer does not accept PDF documents.' });
  } else if (!capabilities.supportsPdf && !capabilities.supportsPwgRaster) {
    reasons.push({
      code: 'format_unsupported',
      message: 'This printer accepts neither PDF nor PWG raster, so Nearprint cannot send it documents.',
    });
  }

  return { canPrint: reasons.length === 0, reasons, warnings };
}
