import { z } from 'zod';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './create-auth';

export const ZEmail = z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address, like name@example.com'));

export const ZSignUpRequest = z.object({
  name: z.string().trim().min(1, 'Tell us your name').max(100, 'Name is too long'),
  email: ZEmail,
  password: z.string().min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`).max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters`),
  accountType: z.enum(['customer', 'shop_owner']).default('customer'),
  next: z.string().optional(),
});
export type TSignUpRequest = z.infer<typeof ZSignUpRequest>;

export const ZSignInRequest = z.object({
  email: ZEmail,
  password: z.string().min(1, 'Enter your password'),
  next: z.string().optional(),
});
export type TSignInRequest = z.infer<typeof ZSignInRequest>;

/** "Email me a sign-in link" on the sign-in page (guest accounts have no password). */
export const ZSignInLinkRequest = z.object({ email: ZEmail, next: z.string().max(2000).optional() });

/** Control characters (and, as typed, spaces): browsers drop tabs and newlines from URLs, so `/\t/evil.example` would become `//evil.example`. */
const UNSAFE_AS_TYPED = /[\u0000-\u0020\u007f-\u009f\u2028\u2029\\]/;
const UNSAFE_DECODED = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\\]/;

function decodedOrNull(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/**
 * Only same-site paths, so `?next=` cannot send someone to another site after sign-in: a
 * single leading slash, no backslash, no control characters or white space (neither as they
 * are nor percent-decoded, `%09` included), and the URL a browser would make of it stays on
 * this site.
 */
export function safeReturnPath(next: string | undefined): string | undefined {
  if (!next || !next.startsWith('/') || next.startsWith('//')) return undefined;
  const decoded = decodedOrNull(next);
  if (decoded === null || UNSAFE_AS_TYPED.test(next) || UNSAFE_DECODED.test(decoded) || decoded.startsWith('//')) return undefined;
  const base = 'https://nearprint.invalid';
  const url = new URL(next, base);
  if (url.origin !== base) return undefined;
  return next;
}
