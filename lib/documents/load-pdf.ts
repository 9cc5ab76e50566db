import { EncryptedPDFError, PDFDocument } from 'pdf-lib';
import { isAllocationFailure } from './allocation-failure';
import { DocumentError } from './document-error';
import { lastIndexOf } from './find-polyglot';
import { getPageGeometry } from './get-page-geometry';
import { qpdfRewrite } from './qpdf-rewrite';

export const DEFAULT_MAX_PAGES = 2000;

const EOF_MARKER = new TextEncoder().encode('%%EOF');
const EOF_WINDOW = 1024;

/**
 * Loads a customer's PDF, turning every way it can fail into a coded error:
 * - no `%%EOF` near the end: truncated (an interrupted download), refused as damaged,
 *   because repairing it would silently drop the missing pages;
 * - encrypted with a user password: `encrypted`. Owner-password-only PDFs open without
 *   a password, so qpdf decrypts them and they print;
 * - anything pdf-lib cannot parse strictly: qpdf rebuilds it once, else `damaged`.
 *   Strict parsing also keeps pdf-lib from writing a warning per broken object to
 *   the logs, which a hostile file could use to flood them;
 * - no pages, too many pages, or a page without a usable size.
 * pdf-lib still accepts some PDFs that cannot be drawn; inspection renders every page
 * with Ghostscript and treats a page it cannot render as damaged too.
 */
export async function loadPdf(bytes: Uint8Array, options: { maxPages?: number } = {}): Promise<PDFDocument> {
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  if (lastIndexOf(bytes, EOF_MARKER, undefined, Math.max(0, bytes.length - EOF_WINDOW)) < 0) {
    throw new DocumentError('damaged', 'This PDF is incomplete: it may not have finished downloading or saving. Get a fresh copy and upload it again.');
  }
  const doc = await loadStrictOrRepaired(bytes);
  const pageCount = countPages(doc);
  if (pageCount === 0) throw new DocumentError('no_pages');
  if (pageCount > maxPages) {
    throw new DocumentError('too_many_pages', `This PDF has ${pageCount} pages; we can print up to ${maxPages} pages in one document. Split it and upload the parts.`);
  }
  assertPagesHaveSize(doc);
  return doc;
}

async function loadStrictOrRepaired(bytes: Uint8Array): Promise<PDFDocument> {
  const first = await tryLoad(bytes);
  if (first instanceof PDFDocument) return first;

  const rewritten = await qpdfRewrite(bytes);
  if (rewritten.outcome === 'needs_password') throw new DocumentError('encrypted');
  if (rewritten.outcome === 'failed') {
    throw first instanceof EncryptedPDFError
      ? new DocumentError('encrypted', undefined, { details: rewritten.details })
      : new DocumentError('damaged', undefined, { cause: first, details: rewritten.details });
  }
  const second = await tryLoad(rewritten.bytes);
  if (second instanceof PDFDocument) return second;
  throw new DocumentError('damaged', undefined, { cause: second, details: String(second) });
}

async function tryLoad(bytes: Uint8Array): Promise<PDFDocument | Error> {
  try {
    const doc = await PDFDocument.load(bytes, { throwOnInvalidObject: true, updateMetadata: false });
    countPages(doc);
    return doc;
  } catch (error) {
    // Out of memory is not damage: qpdf would only inflate the same bomb again.
    if (isAllocationFailure(error)) throw error;
    return error instanceof Error ? error : new Error(String(error));
  }
}

function countPages(doc: PDFDocument): number {
  return doc.getPages().length;
}

function assertPagesHaveSize(doc: PDFDocument): void {
  doc.getPages().forEach((page, index) => {
    let isUsable = false;
    try {
      const { widthPt, heightPt } = getPageGeometry(page);
      isUsable = widthPt >= 1 && heightPt >= 1 && widthPt <= 14_400 && heightPt <= 14_400;
    } catch {
      isUsable = false;
    }
    if (!isUsable) {
      throw new DocumentError('damaged', `Page ${index + 1} of this PDF has no usable page size, so it can't be printed.`);
    }
  });
}
