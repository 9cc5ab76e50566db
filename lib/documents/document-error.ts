/**
 * Why a document could not be accepted or converted. Every code except
 * `conversion_failed` and `timeout` is an expected outcome of bad input; those two
 * mean something went wrong on our side (or a hostile file made a tool misbehave).
 */
export const DOCUMENT_ERROR_CODES = [
  'empty',
  'too_large',
  'unsupported_type',
  'polyglot',
  'encrypted',
  'damaged',
  'no_pages',
  'too_many_pages',
  'image_too_large',
  'office_unsupported',
  'office_conversion_failed',
  'office_damaged',
  'office_timeout',
  'invalid_page_range',
  'printer_unsupported',
  'output_too_large',
  'not_found',
  'timeout',
  'conversion_failed',
] as const;

export type TDocumentErrorCode = (typeof DOCUMENT_ERROR_CODES)[number];

const DEFAULT_MESSAGES: Record<TDocumentErrorCode, string> = {
  empty: 'This file is empty. Check that it saved correctly and upload it again.',
  too_large: 'This file is too large to upload.',
  unsupported_type: "This type of file can't be printed. Upload a PDF, a JPEG or PNG image, or a plain-text file.",
  polyglot: "This file looks like more than one kind of file at once, so we can't print it safely. Export it again as a plain PDF or image and upload that.",
  encrypted: 'This PDF is password-protected. Remove the password and upload it again.',
  damaged: "This PDF is damaged and can't be printed. Export or save it as PDF again, then upload the new file.",
  no_pages: 'This document has no pages to print.',
  too_many_pages: 'This document has too many pages to print in one go.',
  image_too_large: 'This image is too large to print. Resize it and upload it again.',
  office_unsupported: "Word, Excel, PowerPoint and OpenDocument files can't be converted for printing right now. Save the document as PDF and upload the PDF.",
  office_conversion_failed: "We couldn't convert this office document. Save it as PDF and upload the PDF instead.",
  office_damaged: "This Office document is damaged, so it can't be opened. Open it in Word or LibreOffice, save it again (or save it as PDF) and upload the new file.",
  office_timeout: 'Converting this Office document took too long. Save it as PDF in your office app and upload the PDF instead.',
  invalid_page_range: "That page range doesn't select any pages of this document.",
  printer_unsupported: "This printer doesn't accept any format we can produce (PDF or PWG raster).",
  output_too_large: 'This job is too large to send to this printer in one go. Split it into smaller documents.',
  not_found: 'This file is no longer available.',
  timeout: 'This document took too long to process. It may be damaged or unusually complex.',
  conversion_failed: 'Something went wrong while preparing this document. Please try again.',
};

/**
 * A document failure whose `message` is written for the customer and is safe to show.
 * `details` holds what the tools said (stderr, stack) and is for logs only.
 */
export class DocumentError extends Error {
  readonly code: TDocumentErrorCode;
  readonly details?: string;

  constructor(code: TDocumentErrorCode, message?: string, options: { cause?: unknown; details?: string } = {}) {
    super(message ?? DEFAULT_MESSAGES[code], { cause: options.cause });
    this.name = 'DocumentError';
    this.code = code;
    this.details = options.details;
  }

  /** False for our own failures (tool crash, timeout): log them, show the generic message. */
  get isExpected(): boolean {
    return this.code !== 'conversion_failed' && this.code !== 'timeout';
  }
}

export function isDocumentError(error: unknown): error is DocumentError {
  return error instanceof DocumentError;
}

/** Keeps coded errors as they are and turns anything else into a generic `conversion_failed`. */
export function toDocumentError(error: unknown): DocumentError {
  if (isDocumentError(error)) return error;
  const details = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return new DocumentError('conversion_failed', undefined, { cause: error, details });
}
