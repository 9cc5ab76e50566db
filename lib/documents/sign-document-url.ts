import { createHmac, timingSafeEqual } from 'node:crypto';

export type TDocumentLinkPurpose = 'view' | 'download' | 'print' | 'thumbnail' | TJobPreviewPurpose;

/** A shop owner's look at a job before printing (lib/shop-queue/job-preview.ts): a page's thumbnail, a document as PDF, the converted output. */
export type TJobPreviewPurpose = 'job-thumbnail' | 'job-document' | 'job-output';

const MIN_SECRET_LENGTH = 32;

/**
 * A link that grants `purpose` on one document until `expiresAt`, to whoever holds
 * it: appends `purpose`, `expires` (Unix seconds) and `signature` (HMAC-SHA256 over
 * document, purpose and expiry, base64url) to `path`. The purpose is signed so a
 * thumbnail link cannot be replayed to download the file, and so is the page (`page`, a
 * thumbnail's page number), so a link to one page's thumbnail cannot be turned into another's.
 */
export function signDocumentUrl(input: { path: string; documentId: string; purpose: TDocumentLinkPurpose; page?: number; expiresAt: Date; secret: string }): string {
  const expires = Math.floor(input.expiresAt.getTime() / 1000);
  const signature = sign(input.documentId, input.purpose, input.page ?? null, expires, input.secret);
  const query = new URLSearchParams({ purpose: input.purpose, expires: String(expires), signature });
  return `${input.path}${input.path.includes('?') ? '&' : '?'}${query}`;
}

/**
 * Checks a link's signature in constant time, then its expiry. Values come straight
 * from the query string, so anything malformed is simply `invalid`.
 */
export function verifyDocumentSignature(input: {
  documentId: string;
  purpose: string | null;
  /** The page number the link names, already validated; null when it names none. */
  page?: number | null;
  expires: string | null;
  signature: string | null;
  secret: string;
  now?: Date;
}): { isValid: true } | { isValid: false; reason: 'invalid' | 'expired' } {
  const { purpose, expires, signature } = input;
  if (!purpose || !expires || !signature || !/^\d{1,12}$/.test(expires)) return { isValid: false, reason: 'invalid' };
  const expected = Buffer.from(sign(input.documentId, purpose, input.page ?? null, Number(expires), input.secret), 'base64url');
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { isValid: false, reason: 'invalid' };
  const now = Math.floor((input.now ?? new Date()).getTime() / 1000);
  if (now >= Number(expires)) return { isValid: false, reason: 'expired' };
  return { isValid: true };
}

function sign(documentId: string, purpose: string, page: number | null, expires: number, secret: string): string {
  if (secret.length < MIN_SECRET_LENGTH) throw new Error(`The document link secret must be at least ${MIN_SECRET_LENGTH} characters`);
  return createHmac('sha256', secret)
    .update(`nearprint-document-link:v2\n${documentId}\n${purpose}\n${page ?? ''}\n${expires}`)
    .digest('base64url');
}
