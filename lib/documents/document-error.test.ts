import { describe, expect, it } from 'vitest';
import { DocumentError, toDocumentError } from './document-error';

describe('DocumentError', () => {
  it('carries a customer message per code', () => {
    const error = new DocumentError('encrypted');
    expect(error.message).toBe('This PDF is password-protected. Remove the password and upload it again.');
    expect(error.isExpected).toBe(true);
  });

  it('wraps unexpected failures generically, keeping details for logs only', () => {
    const error = toDocumentError(new TypeError('Cannot read properties of undefined'));
    expect(error.code).toBe('conversion_failed');
    expect(error.isExpected).toBe(false);
    expect(error.message).not.toContain('undefined');
    expect(error.details).toContain('Cannot read properties of undefined');
  });

  it('passes coded errors through', () => {
    const original = new DocumentError('damaged');
    expect(toDocumentError(original)).toBe(original);
  });
});
