import { describe, expect, it } from 'vitest';
import { sanitizeFilename } from './sanitize-filename';

describe('sanitizeFilename', () => {
  it('keeps an ordinary name', () => {
    expect(sanitizeFilename('Thesis final (v2).pdf')).toBe('Thesis final (v2).pdf');
    expect(sanitizeFilename('论文 最终版.pdf')).toBe('论文 最终版.pdf');
  });

  it('drops directories and traversal', () => {
    expect(sanitizeFilename('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFilename('..\\..\\windows\\system32\\evil.pdf')).toBe('evil.pdf');
    expect(sanitizeFilename('/abs/path/doc.pdf')).toBe('doc.pdf');
    expect(sanitizeFilename('..')).toBe('document');
    expect(sanitizeFilename('../')).toBe('document');
  });

  it('removes control characters and bidi overrides', () => {
    expect(sanitizeFilename('inv\u0000oice\r\n.pdf')).toBe('invoice.pdf');
    // "report‮fdp.exe" displays as "reportexe.pdf"
    expect(sanitizeFilename('report\u202Efdp.exe')).toBe('reportfdp.exe');
    expect(sanitizeFilename('a\u200Bb\u2066c\u2069.txt')).toBe('abc.txt');
  });

  it('neutralises reserved characters, hidden-file dots and device names', () => {
    expect(sanitizeFilename('what?<now>:*.pdf')).toBe('what__now___.pdf');
    expect(sanitizeFilename('.bashrc')).toBe('bashrc');
    expect(sanitizeFilename('CON.txt')).toBe('_CON.txt');
  });

  it('caps the length in characters and keeps the extension', () => {
    const long = `${'长'.repeat(300)}.pdf`;
    const result = sanitizeFilename(long, { maxLength: 50 });
    expect(Array.from(result)).toHaveLength(50);
    expect(result.endsWith('.pdf')).toBe(true);
  });

  it('is never empty', () => {
    expect(sanitizeFilename('')).toBe('document');
    expect(sanitizeFilename('\u0001\u0002')).toBe('document');
    expect(sanitizeFilename('   ', { fallback: 'upload' })).toBe('upload');
  });
});
