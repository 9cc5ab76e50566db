import { PDFArray, PDFDict, type PDFDocument, type PDFObject, PDFRef, PDFStream } from 'pdf-lib';

/**
 * Serialises the pipeline's document. pdf-lib writes every object it ever held, and
 * the filters leave some behind (pages replaced by n-up sheets, their original
 * content streams), so unreachable objects are dropped first: what a printer
 * receives grows with the pages it prints, not with the work done to produce them.
 * Flushing first matters: embedded pages, fonts and images only become objects then.
 */
export async function savePdf(doc: PDFDocument): Promise<Uint8Array> {
  await doc.flush();
  pruneUnreachableObjects(doc);
  return doc.save({ useObjectStreams: true, updateFieldAppearances: false, addDefaultPage: false });
}

function pruneUnreachableObjects(doc: PDFDocument): void {
  const { context } = doc;
  const reachable = new Set<PDFRef>();
  const pending: PDFObject[] = [];
  const { Root, Info, Encrypt, ID } = context.trailerInfo;
  for (const start of [Root, Info, Encrypt, ID]) if (start) pending.push(start);
  while (pending.length > 0) {
    const object = pending.pop()!;
    if (object instanceof PDFRef) {
      if (reachable.has(object)) continue;
      reachable.add(object);
      const target = context.lookup(object);
      if (target) pending.push(target);
    } else if (object instanceof PDFDict) {
      for (const [, value] of object.entries()) pending.push(value);
    } else if (object instanceof PDFArray) {
      pending.push(...object.asArray());
    } else if (object instanceof PDFStream) {
      pending.push(object.dict);
    }
  }
  for (const [ref] of context.enumerateIndirectObjects()) {
    if (!reachable.has(ref)) context.delete(ref);
  }
}
