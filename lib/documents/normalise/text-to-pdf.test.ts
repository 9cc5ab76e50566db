import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { CHINESE_TEXT } from '@/lib/documents/fixtures/make-fixtures';
import { savePdf } from '@/lib/documents/save-pdf';
import { textToPdf } from './text-to-pdf';

const layout = (text: string, maxPages = 2000) => textToPdf(text, { media: 'iso_a4_210x297mm', maxPages });

describe('textToPdf', () => {
  it('makes a one-page Chinese text file into a small PDF with a subset font', async () => {
    const pdf = await savePdf(await layout(CHINESE_TEXT));
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(1);
    // The whole collection is ~5 MB; a subset of a few dozen glyphs is a few KB.
    expect(pdf.length).toBeLessThan(40_000);
  });

  it('wraps long lines instead of losing their ends', async () => {
    const long = 'word '.repeat(400);
    const doc = await layout(long);
    expect(doc.getPageCount()).toBe(1);
    const chinese = '汉'.repeat(2000);
    expect((await layout(chinese)).getPageCount()).toBeGreaterThanOrEqual(1);
  });

  it('paginates and honours form feeds as page breaks', async () => {
    const lines = Array.from({ length: 130 }, (_, i) => `line ${i + 1}`).join('\n');
    expect((await layout(lines)).getPageCount()).toBe(3);
    expect((await layout('first\fsecond\fthird\f')).getPageCount()).toBe(3);
  });

  it('refuses text with nothing to print and text longer than the page limit', async () => {
    await expect(layout('\n\n  \n')).rejects.toMatchObject({ code: 'no_pages' });
    await expect(layout('x\f'.repeat(50), 10)).rejects.toMatchObject({
      code: 'too_many_pages',
      message: 'This text file would print on more than 10 pages. Split it and upload the parts.',
    });
  });
});
