import { PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { savePdf } from '@/lib/documents/save-pdf';
import { stripActiveContent } from './strip-active-content';

describe('stripActiveContent', () => {
  it('removes scripts, actions and attachments and keeps the pages', async () => {
    const original = await PDFDocument.create();
    original.addPage().drawText('Keep me');
    original.addJavaScript('hello', 'app.alert("hi")');
    await original.attach(Buffer.from('MZ...'), 'tool.exe', { mimeType: 'application/octet-stream' });
    const doc = await PDFDocument.load(await original.save());
    expect(Buffer.from(await doc.save({ useObjectStreams: false })).includes('tool.exe')).toBe(true);
    doc.catalog.set(PDFName.of('OpenAction'), doc.context.obj({ S: 'JavaScript', JS: 'app.alert(1)' }));
    doc.getPage(0).node.set(PDFName.of('AA'), doc.context.obj({}));

    stripActiveContent(doc);
    const reloaded = await PDFDocument.load(await savePdf(doc));
    const plain = Buffer.from(await reloaded.save({ useObjectStreams: false }));
    expect(reloaded.getPageCount()).toBe(1);
    expect(reloaded.catalog.get(PDFName.of('Names'))).toBeUndefined();
    expect(reloaded.catalog.get(PDFName.of('OpenAction'))).toBeUndefined();
    expect(reloaded.getPage(0).node.get(PDFName.of('AA'))).toBeUndefined();
    expect(plain.includes('app.alert')).toBe(false);
    expect(plain.includes('tool.exe')).toBe(false);
  });
});
