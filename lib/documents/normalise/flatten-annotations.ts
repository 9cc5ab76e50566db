import { concatTransformationMatrix, drawObject, PDFArray, PDFBool, PDFDict, type PDFDocument, PDFName, PDFNumber, PDFRef, PDFStream, popGraphicsState, pushGraphicsState } from 'pdf-lib';

const FLAG_HIDDEN = 1 << 1;
const FLAG_PRINT = 1 << 2;
const NEVER_PRINTED = new Set(['Link', 'Popup']);

/**
 * Burns printable annotations (filled-in form fields, stamps, printable comments)
 * into the page content and removes the rest, because the later filters re-draw page
 * content only: an annotation left in place would vanish or land in the wrong spot.
 * Printed means what a reader prints: the Print flag set, not Hidden, and a normal
 * appearance stream (for a checkbox, the one /AS selects). The appearance is placed
 * as PDF 32000 §12.5.5 says: its BBox, transformed by its Matrix, is fitted to /Rect.
 * Returns whether anything changed, so untouched documents are not rewritten.
 */
export function flattenAnnotations(doc: PDFDocument): boolean {
  let hasChanged = false;
  refreshFormAppearances(doc);
  for (const page of doc.getPages()) {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    if (!annots) continue;
    hasChanged = true;
    for (let i = 0; i < annots.size(); i++) {
      const annot = annots.lookupMaybe(i, PDFDict);
      const placement = annot ? printedAppearance(annot) : null;
      if (!placement) continue;
      const name = page.node.newXObject('Annot', placement.ref);
      page.pushOperators(pushGraphicsState(), concatTransformationMatrix(...placement.matrix), drawObject(name), popGraphicsState());
    }
    page.node.delete(PDFName.of('Annots'));
  }
  if (hasChanged) doc.catalog.delete(PDFName.of('AcroForm'));
  return hasChanged;
}

/** Forms saved with NeedAppearances have stale or missing appearances: let pdf-lib redraw them when it can. */
function refreshFormAppearances(doc: PDFDocument): void {
  const acroForm = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  if (acroForm?.lookupMaybe(PDFName.of('NeedAppearances'), PDFBool)?.asBoolean() !== true) return;
  try {
    doc.getForm().updateFieldAppearances();
  } catch {
    // Fields pdf-lib cannot draw (e.g. non-Latin text in its standard font) keep their saved appearance.
  }
}

type TMatrix = [number, number, number, number, number, number];

function printedAppearance(annot: PDFDict): { ref: PDFRef; matrix: TMatrix } | null {
  const subtype = annot.lookupMaybe(PDFName.of('Subtype'), PDFName)?.decodeText();
  const flags = annot.lookupMaybe(PDFName.of('F'), PDFNumber)?.asNumber() ?? 0;
  if (!subtype || NEVER_PRINTED.has(subtype) || flags & FLAG_HIDDEN || !(flags & FLAG_PRINT)) return null;

  const rect = annot.lookupMaybe(PDFName.of('Rect'), PDFArray)?.asRectangle();
  const normal = annot.lookupMaybe(PDFName.of('AP'), PDFDict)?.get(PDFName.of('N'));
  let ref: PDFRef | undefined = normal instanceof PDFRef ? normal : undefined;
  const states = ref ? undefined : annot.context.lookupMaybe(normal, PDFDict);
  if (states) {
    const state = annot.lookupMaybe(PDFName.of('AS'), PDFName);
    const selected = state ? states.get(state) : undefined;
    ref = selected instanceof PDFRef ? selected : undefined;
  }
  const appearance = ref ? annot.context.lookupMaybe(ref, PDFStream) : undefined;
  if (!rect || !ref || !appearance) return null;

  appearance.dict.set(PDFName.of('Type'), PDFName.of('XObject'));
  appearance.dict.set(PDFName.of('Subtype'), PDFName.of('Form'));
  const bbox = appearance.dict.lookupMaybe(PDFName.of('BBox'), PDFArray)?.asRectangle();
  if (!bbox) return null;
  const form = (appearance.dict.lookupMaybe(PDFName.of('Matrix'), PDFArray)?.asArray() ?? []).map((n) => (n instanceof PDFNumber ? n.asNumber() : 0));
  const formMatrix: TMatrix = form.length === 6 ? (form as TMatrix) : [1, 0, 0, 1, 0, 0];
  const corners = [
    [bbox.x, bbox.y],
    [bbox.x + bbox.width, bbox.y],
    [bbox.x, bbox.y + bbox.height],
    [bbox.x + bbox.width, bbox.y + bbox.height],
  ].map(([x, y]) => [formMatrix[0] * x + formMatrix[2] * y + formMatrix[4], formMatrix[1] * x + formMatrix[3] * y + formMatrix[5]]);
  const minX = Math.min(...corners.map((c) => c[0]));
  const minY = Math.min(...corners.map((c) => c[1]));
  const width = Math.max(...corners.map((c) => c[0])) - minX;
  const height = Math.max(...corners.map((c) => c[1])) - minY;
  if (width <= 0 || height <= 0) return null;
  const rx = Math.min(rect.x, rect.x + rect.width);
  const ry = Math.min(rect.y, rect.y + rect.height);
  const sx = Math.abs(rect.width) / width;
  const sy = Math.abs(rect.height) / height;
  // The form's own Matrix is applied by `Do`; this maps the transformed BBox onto Rect.
  return { ref, matrix: [sx, 0, 0, sy, rx - minX * sx, ry - minY * sy] };
}
