import { PDFArray, type PDFDocument, PDFName, PDFPage, type PDFPageLeaf } from 'pdf-lib';
import type { TFilter } from './compose-filters';
import { materialiseInherited, replacePages } from './replace-pages';

/**
 * Repeats the document `copies` times for printers that cannot make copies themselves.
 * Collated gives 1,2,3,1,2,3; uncollated 1,1,2,2,3,3. Two-sided, the unit repeated is a
 * sheet (two pages), so uncollated is (1,2),(1,2),(3,4),(3,4), and an odd-length
 * document gets a blank last page so that no copy starts on the back of another.
 * A copy is a new page dictionary that points at the same content streams and
 * resources, so 50 copies add 49 small dictionaries, not 49 copies of the content.
 */
export function collateCopies(copies: number, options: { isCollated?: boolean; isDuplex?: boolean } = {}): TFilter {
  return async (doc) => {
    if (copies <= 1) return doc;
    const pages = doc.getPages();
    const unit = options.isDuplex ? 2 : 1;
    if (pages.length % unit !== 0) {
      const last = pages[pages.length - 1];
      pages.push(doc.addPage([last.getWidth(), last.getHeight()]));
    }
    for (const page of pages) materialiseInherited(page);
    const copyOf = (page: PDFPage, copy: number) => (copy === 0 ? page : clonePage(doc, page));
    const sequence: PDFPage[] = [];
    if (options.isCollated ?? true) {
      for (let copy = 0; copy < copies; copy++) sequence.push(...pages.map((page) => copyOf(page, copy)));
    } else {
      for (let first = 0; first < pages.length; first += unit) {
        const sheet = pages.slice(first, first + unit);
        for (let copy = 0; copy < copies; copy++) sequence.push(...sheet.map((page) => copyOf(page, copy)));
      }
    }
    replacePages(doc, sequence);
    return doc;
  };
}

function clonePage(doc: PDFDocument, page: PDFPage): PDFPage {
  const leaf = page.node.clone() as PDFPageLeaf;
  const contents = page.node.get(PDFName.of('Contents'));
  if (contents instanceof PDFArray) leaf.set(PDFName.of('Contents'), doc.context.obj(contents.asArray()));
  return PDFPage.of(leaf, doc.context.register(leaf), doc);
}
