import { type PDFDocument, PDFName, type PDFPage } from 'pdf-lib';

const INHERITABLE = ['Resources', 'MediaBox', 'CropBox', 'Rotate'].map((name) => PDFName.of(name));

/**
 * Makes `pages` (pages of this document, in print order) the document's page list.
 * Pages are detached and re-added rather than removed in place because pdf-lib's
 * `removePage` leaves `getPages()` stale, and re-adding invalidates it. Inheritable
 * attributes are copied onto each page first: a page moved out of a nested /Pages
 * node would otherwise lose the MediaBox or Resources it inherited from it.
 */
export function replacePages(doc: PDFDocument, pages: PDFPage[]): void {
  for (const page of pages) materialiseInherited(page);
  for (let index = doc.getPageCount() - 1; index >= 0; index--) doc.removePage(index);
  for (const page of pages) doc.addPage(page);
}

export function materialiseInherited(page: PDFPage): void {
  for (const name of INHERITABLE) {
    if (page.node.has(name)) continue;
    const value = page.node.getInheritableAttribute(name);
    if (value) page.node.set(name, value);
  }
}
