import { describe, expect, it } from 'vitest';
import { detectDocumentType } from './detect-document-type';
import { DocumentError } from './document-error';
import { makeDocx, makeOdt, makePhotoJpeg, makePng, makeTextPdf, makeZip } from './fixtures/make-fixtures';

async function refusal(bytes: Uint8Array, filename?: string): Promise<DocumentError> {
  try {
    await detectDocumentType(bytes, { filename });
  } catch (error) {
    if (error instanceof DocumentError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('detectDocumentType', () => {
  it('recognises PDF, JPEG, PNG and UTF-8 text by content', async () => {
    const pdf = await makeTextPdf([{}]);
    const jpeg = await makePhotoJpeg({ width: 40, height: 30 });
    const png = await makePng({ width: 40, height: 30 });
    expect((await detectDocumentType(pdf, { filename: 'a.pdf' })).type).toBe('pdf');
    expect((await detectDocumentType(jpeg, { filename: 'a.jpg' })).type).toBe('jpeg');
    expect((await detectDocumentType(png, { filename: 'a.png' })).mime).toBe('image/png');
    const text = await detectDocumentType(Buffer.from('床前明月光\n\tindented\fnext page\n'), { filename: 'poem.txt' });
    expect(text).toMatchObject({ type: 'text', hasMismatchedExtension: false });
  });

  it('recognises office documents (OOXML by content types, ODF by mimetype)', async () => {
    expect(await detectDocumentType(makeDocx(), { filename: 'cv.docx' })).toMatchObject({ type: 'docx', isOffice: true });
    expect(await detectDocumentType(makeOdt(), { filename: 'cv.odt' })).toMatchObject({ type: 'odt', isOffice: true });
  });

  it('lets the content win over a lying extension, and says so', async () => {
    const png = await makePng({ width: 20, height: 20 });
    expect(await detectDocumentType(png, { filename: 'scan.pdf' })).toMatchObject({
      type: 'png',
      declaredExtension: 'pdf',
      hasMismatchedExtension: true,
    });
  });

  it('refuses a .pdf that is really a ZIP archive, naming what it is', async () => {
    const error = await refusal(makeZip({ 'a.txt': 'hello' }), 'invoice.pdf');
    expect(error.code).toBe('unsupported_type');
    expect(error.message).toBe('Its name ends in .pdf, but it is really a .zip file. We can print PDFs, JPEG and PNG images, and plain-text files.');
  });

  it('refuses an empty file and one over the size limit', async () => {
    expect((await refusal(new Uint8Array())).code).toBe('empty');
    await expect(detectDocumentType(Buffer.alloc(2048, 0x41), { maxBytes: 1024 })).rejects.toMatchObject({ code: 'too_large' });
  });

  it('refuses binary and non-UTF-8 text with a specific message', async () => {
    expect((await refusal(Buffer.from([0x41, 0x00, 0x42]))).code).toBe('unsupported_type');
    expect((await refusal(Buffer.from('caf\xe9 cr\xe8me', 'latin1'))).message).toMatch(/isn't UTF-8/);
    expect((await refusal(Buffer.from('\ufeffhi', 'utf16le'))).message).toMatch(/UTF-16/);
    expect((await refusal(Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 7) + 1)))).code).toBe('unsupported_type');
  });

  describe('polyglots', () => {
    it('refuses a file that is both a PDF and a ZIP', async () => {
      const pdf = await makeTextPdf([{}]);
      const polyglot = makeZip({ 'payload.html': '<b>x</b>' }, pdf);
      expect(Buffer.from(polyglot.subarray(0, 5)).toString()).toBe('%PDF-');
      expect((await refusal(polyglot, 'x.pdf')).code).toBe('polyglot');
    });

    it('refuses a PDF with a large payload after %%EOF', async () => {
      const pdf = await makeTextPdf([{}]);
      const payload = await makePhotoJpeg({ width: 64, height: 64 });
      expect((await refusal(Buffer.concat([pdf, payload]))).code).toBe('polyglot');
      expect((await refusal(Buffer.concat([pdf, Buffer.from('\n<script>alert(1)</script>')]))).code).toBe('polyglot');
      expect((await refusal(Buffer.concat([pdf, Buffer.alloc(4096, 0x41)]))).code).toBe('polyglot');
    });

    it('tolerates a little padding after %%EOF', async () => {
      const pdf = await makeTextPdf([{}]);
      expect((await detectDocumentType(Buffer.concat([pdf, Buffer.from('\r\n'), Buffer.alloc(600)]))).type).toBe('pdf');
    });

    it('refuses markup in the first KiB of a PDF', async () => {
      const pdf = Buffer.from(await makeTextPdf([{}]));
      const withHtml = Buffer.concat([pdf.subarray(0, 15), Buffer.from('%<html><body>\n'), pdf.subarray(15)]);
      expect((await refusal(withHtml)).code).toBe('polyglot');
    });

    it('refuses images carrying a ZIP or markup, but accepts a motion photo trailer', async () => {
      const jpeg = await makePhotoJpeg({ width: 64, height: 64 });
      const png = await makePng({ width: 32, height: 32 });
      expect((await refusal(makeZip({ 'a.js': 'x' }, jpeg))).code).toBe('polyglot');
      expect((await refusal(Buffer.concat([png, Buffer.from('<html><script>x</script></html>')]))).code).toBe('polyglot');
      expect((await refusal(Buffer.concat([png, Buffer.alloc(5000, 7)]))).code).toBe('polyglot');
      const video = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(50_000, 3)]);
      expect((await detectDocumentType(Buffer.concat([jpeg, video]))).type).toBe('jpeg');
    });
  });
});
