import { describe, expect, it } from 'vitest';
import { signDocumentUrl, verifyDocumentSignature } from './sign-document-url';

const secret = 'x'.repeat(32);
const now = new Date('2030-01-01T12:00:00Z');
const expiresAt = new Date('2030-01-01T12:10:00Z');

function signed(purpose: 'download' | 'thumbnail' = 'download') {
  const url = new URL(signDocumentUrl({ path: '/api/documents/doc_1/file', documentId: 'doc_1', purpose, expiresAt, secret }), 'http://x');
  return { purpose: url.searchParams.get('purpose'), expires: url.searchParams.get('expires'), signature: url.searchParams.get('signature') };
}

describe('signed document links', () => {
  it('verifies an untampered link before it expires', () => {
    expect(verifyDocumentSignature({ documentId: 'doc_1', ...signed(), secret, now })).toEqual({ isValid: true });
  });

  it('refuses an expired link', () => {
    expect(verifyDocumentSignature({ documentId: 'doc_1', ...signed(), secret, now: expiresAt })).toEqual({ isValid: false, reason: 'expired' });
  });

  it('refuses another document, another purpose, a later expiry, a wrong secret or a mangled signature', () => {
    const link = signed('thumbnail');
    const check = (overrides: Record<string, string | null>, key = secret) => verifyDocumentSignature({ documentId: 'doc_1', ...link, ...overrides, secret: key, now });
    expect(check({ documentId: 'doc_2' })).toEqual({ isValid: false, reason: 'invalid' });
    expect(check({ purpose: 'download' })).toEqual({ isValid: false, reason: 'invalid' });
    expect(check({ expires: String(Number(link.expires) + 3600) })).toEqual({ isValid: false, reason: 'invalid' });
    expect(check({}, 'y'.repeat(32))).toEqual({ isValid: false, reason: 'invalid' });
    expect(check({ signature: `${link.signature}A` })).toEqual({ isValid: false, reason: 'invalid' });
    expect(check({ signature: null })).toEqual({ isValid: false, reason: 'invalid' });
    expect(check({ expires: '1e99' })).toEqual({ isValid: false, reason: 'invalid' });
  });

  it('signs the page: a thumbnail link for one page does not open another, nor none', () => {
    const url = new URL(signDocumentUrl({ path: '/api/documents/doc_1/file?page=2', documentId: 'doc_1', purpose: 'thumbnail', page: 2, expiresAt, secret }), 'http://x');
    const link = { purpose: url.searchParams.get('purpose'), expires: url.searchParams.get('expires'), signature: url.searchParams.get('signature') };
    expect(verifyDocumentSignature({ documentId: 'doc_1', ...link, page: 2, secret, now })).toEqual({ isValid: true });
    expect(verifyDocumentSignature({ documentId: 'doc_1', ...link, page: 3, secret, now })).toEqual({ isValid: false, reason: 'invalid' });
    expect(verifyDocumentSignature({ documentId: 'doc_1', ...link, page: null, secret, now })).toEqual({ isValid: false, reason: 'invalid' });
    expect(verifyDocumentSignature({ documentId: 'doc_1', ...signed('thumbnail'), page: 1, secret, now })).toEqual({ isValid: false, reason: 'invalid' });
  });

  it('refuses a short secret', () => {
    expect(() => signDocumentUrl({ path: '/f', documentId: 'd', purpose: 'view', expiresAt, secret: 'short' })).toThrow(/at least 32/);
  });
});
