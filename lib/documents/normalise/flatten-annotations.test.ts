import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { flattenAnnotations } from './flatten-annotations';

async function formDoc() {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const form = doc.getForm();
  const name = form.createTextField('name');
  name.setText('Ada Lovelace');
  name.addToPage(page, { x: 50, y: 700, width: 200, height: 24 });
  const agree = form.createCheckBox('agree');
  agree.addToPage(page, { x: 50, y: 650, width: 16, height: 16 });
  agree.check();
  const link = doc.context.register(doc.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [0, 0, 100, 100], F: 4 }));
  page.node.addAnnot(link);
  return PDFDocument.load(await doc.save());
}

const drawnXObjects = (doc: PDFDocument) => doc.getPage(0).node.Resources()!.lookupMaybe(PDFName.of('XObject'), PDFDict)?.keys().length ?? 0;

describe('flattenAnnotations', () => {
  it('burns printable form fields into the page and removes all annotations and the form', async () => {
    const doc = await formDoc();
    expect(flattenAnnotations(doc)).toBe(true);
    expect(doc.getPage(0).node.get(PDFName.of('Annots'))).toBeUndefined();
    expect(doc.catalog.get(PDFName.of('AcroForm'))).toBeUndefined();
    // The text field and the checked box's "on" appearance; the link has none to print.
    expect(drawnXObjects(doc)).toBe(2);
  });

  it('skips annotations without the Print flag or marked Hidden', async () => {
    const doc = await formDoc();
    for (const annot of doc.getPage(0).node.Annots()!.asArray()) {
      doc.context.lookup(annot, PDFDict).set(PDFName.of('F'), doc.context.obj(2));
    }
    flattenAnnotations(doc);
    expect(drawnXObjects(doc)).toBe(0);
  });

  it('leaves a document without annotations untouched', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    expect(flattenAnnotations(doc)).toBe(false);
  });
});
