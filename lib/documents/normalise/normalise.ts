import type { PDFDocument } from 'pdf-lib';
import type { TMedia } from '@/lib/job-options/media';
import { convertOfficeToPdf, type TOfficeConversionOptions } from './convert-office-to-pdf';
import type { TDetectedDocument } from '@/lib/documents/detect-document-type';
import { DEFAULT_MAX_PAGES, loadPdf } from '@/lib/documents/load-pdf';
import { flattenAnnotations } from './flatten-annotations';
import { imageToPdf } from './image-to-pdf';
import { stripActiveContent } from './strip-active-content';
import { textToPdf } from './text-to-pdf';

export type TNormaliseOptions = {
  /** Paper that text is laid out on and images are placed on; pages are refitted to the job's media later. */
  media?: TMedia;
  maxPages?: number;
  /** How LibreOffice runs (limits, profiles); see convertOfficeToPdf. */
  office?: TOfficeConversionOptions;
};

export const DEFAULT_LAYOUT_MEDIA: TMedia = 'iso_a4_210x297mm';

/**
 * The first filter: any accepted upload becomes a PDF document in memory, the one
 * format every later filter works on. Text and images are laid out on `media` (A4 by
 * default, independent of the job, so inspection's page count and page numbers are
 * the ones the customer prices and picks pages from); PDFs have their printable
 * annotations burnt in; office documents go through LibreOffice when it is installed.
 */
export async function normalise(input: { bytes: Uint8Array; detected: TDetectedDocument }, options: TNormaliseOptions = {}): Promise<PDFDocument> {
  const media = options.media ?? DEFAULT_LAYOUT_MEDIA;
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const { type } = input.detected;
  if (type === 'jpeg' || type === 'png') return imageToPdf(input.bytes, type, { media });
  if (type === 'text') return textToPdf(new TextDecoder().decode(input.bytes), { media, maxPages });
  const pdfBytes = type === 'pdf' ? input.bytes : await convertOfficeToPdf(input.bytes, type, options.office);
  const doc = await loadPdf(pdfBytes, { maxPages });
  flattenAnnotations(doc);
  stripActiveContent(doc);
  return doc;
}
