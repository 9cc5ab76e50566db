import { type PDFDocument, PDFName } from 'pdf-lib';

const DOCUMENT_ENTRIES = ['OpenAction', 'AA', 'Names', 'URI', 'AF'].map((name) => PDFName.of(name));
const PAGE_ENTRIES = ['AA', 'AF'].map((name) => PDFName.of(name));

/**
 * Removes what runs or hides rather than prints: document and page actions
 * (/OpenAction, /AA), the /Names tree (where JavaScript and embedded files live) and
 * PDF 2.0 associated files (/AF), which can also carry attachments. The normalised PDF is stored and handed to shops and printers;
 * it should carry pages and nothing else. (Interactive annotations and forms are
 * handled by `flattenAnnotations`; the objects left unreferenced are dropped on save.)
 */
export function stripActiveContent(doc: PDFDocument): void {
  for (const name of DOCUMENT_ENTRIES) doc.catalog.delete(name);
  for (const page of doc.getPages()) {
    for (const name of PAGE_ENTRIES) page.node.delete(name);
  }
}
