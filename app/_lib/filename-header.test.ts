import { describe, expect, it } from 'vitest';
import { isAppError } from '@/lib/errors/app-error';
import { filenameFromHeader } from './filename-header';

describe('filenameFromHeader', () => {
  it('decodes what the upload form sends', () => {
    expect(filenameFromHeader(encodeURIComponent('Zeugnis – Müller 2026.pdf'))).toBe('Zeugnis – Müller 2026.pdf');
    expect(filenameFromHeader(null)).toBe('document');
    expect(filenameFromHeader('')).toBe('document');
  });

  it('answers malformed percent-encoding with a 400', () => {
    for (const header of ['%', '%zz', '%E0%A4%A', 'a%FFb', '%C0%80']) {
      let caught: unknown;
      try {
        filenameFromHeader(header);
      } catch (error) {
        caught = error;
      }
      expect(isAppError(caught) && caught.status, header).toBe(400);
    }
  });
});
