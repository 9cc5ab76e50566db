import { PDFDocument } from 'pdf-lib';
import { DocumentError } from '@/lib/documents/document-error';
import { runGhostscript } from '@/lib/documents/run-ghostscript';
import type { TFilter } from './compose-filters';
import { replacePages } from './replace-pages';

/**
 * Converts the pages the customer forced to mono (1-based, in the document's own
 * numbering, so this runs before page selection and imposition) to DeviceGray with
 * Ghostscript's pdfwrite, keeping text and vectors as they are. IPP's
 * print-color-mode is per job, so a printer cannot be told "these pages in grey";
 * and the transparency trick of a Saturation-blended white overlay is ignored by
 * poppler 22, so it is not a safe bet for printer firmware either. Only the forced
 * pages go through Ghostscript (copied into a small document in memory, piped in and
 * out); the rest are untouched.
 */
export function forceMono(pageNumbers: number[], options: { timeoutMs?: number } = {}): TFilter {
  return async (doc) => {
    const pageCount = doc.getPageCount();
    const forced = [...new Set(pageNumbers)].filter((n) => Number.isInteger(n) && n >= 1 && n <= pageCount).sort((a, b) => a - b);
    if (forced.length === 0) return doc;

    const subset = await PDFDocument.create();
    for (const page of await subset.copyPages(
      doc,
      forced.map((n) => n - 1),
    ))
      subset.addPage(page);
    const { stdout } = await runGhostscript(['-sDEVICE=pdfwrite', '-sColorConversionStrategy=Gray', '-dProcessColorModel=/DeviceGray', '-dAutoRotatePages=/None', '-dCompatibilityLevel=1.7'], {
      input: await subset.save(),
      timeoutMs: options.timeoutMs,
    });
    const gray = await PDFDocument.load(stdout);
    if (gray.getPageCount() !== forced.length) {
      throw new DocumentError('conversion_failed', undefined, {
        details: `forceMono: gs returned ${gray.getPageCount()} pages for ${forced.length}`,
      });
    }
    const replacements = await doc.copyPages(gray, gray.getPageIndices());
    const byNumber = new Map(forced.map((n, i) => [n, replacements[i]]));
    replacePages(
      doc,
      doc.getPages().map((page, index) => byNumber.get(index + 1) ?? page),
    );
    return doc;
  };
}
