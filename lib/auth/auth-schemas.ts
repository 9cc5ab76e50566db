import { z } from 'zod';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './create-auth';

const ZEmail = z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address, like name@example.com'));

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

/** Only same-site paths, so `?next=` cannot send someone to another site after sign-in. */
export function safeReturnPath(next: string | undefined): string | undefined {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return undefined;
  return next;
}
