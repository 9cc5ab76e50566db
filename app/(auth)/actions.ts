'use server';

import { eq } from 'drizzle-orm';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { APIError } from 'better-auth/api';
import { db } from '@/db/client';
import { users, type TUserRole } from '@/db/schema';
import { safeReturnPath, ZSignInLinkRequest, ZSignInRequest, ZSignUpRequest } from '@/lib/auth/auth-schemas';
import { TOO_MANY_SIGN_IN_ATTEMPTS } from '@/lib/auth/create-auth';
import { ROLE_HOME } from '@/lib/auth/roles';
import { AppError } from '@/lib/errors/app-error';
import { publicAction } from '@/app/_lib/action';
import { auth } from '@/app/_lib/auth';

/** better-auth's error codes for the cases a person can fix, as field messages. */
function authFieldError(error: APIError): AppError {
  const code = (error.body as { code?: string } | undefined)?.code ?? '';
  if (code.startsWith('USER_ALREADY_EXISTS')) {
    return new AppError('conflict', 'An account with this email already exists.', {
      fieldErrors: { email: ['An account with this email already exists. Sign in instead?'] },
    });
  }
  if (code === 'INVALID_EMAIL_OR_PASSWORD') {
    return new AppError('unauthorized', 'That email and password do not match an account.', {
      fieldErrors: { password: ['That email and password do not match an account.'] },
    });
  }
  if (code === TOO_MANY_SIGN_IN_ATTEMPTS) return new AppError('too_many_requests', error.message);
  if (code === 'INVALID_EMAIL') return new AppError('bad_request', 'Enter a valid email address.', { fieldErrors: { email: ['Enter a valid email address.'] } });
  if (code.startsWith('PASSWORD_TOO')) return new AppError('bad_request', error.message, { fieldErrors: { password: [error.message] } });
  return new AppError('bad_request', error.message || 'Could not sign you in.');
}

export const signUpAction = publicAction(ZSignUpRequest, async (input) => {
  let userId: string;
  try {
    const result = await auth().api.signUpEmail({
      body: { name: input.name, email: input.email, password: input.password },
      headers: await headers(),
    });
    userId = result.user.id;
  } catch (error) {
    if (error instanceof APIError) throw authFieldError(error);
    throw error;
  }
  const role: TUserRole = input.accountType;
  if (role === 'shop_owner') await db.update(users).set({ role }).where(eq(users.id, userId));
  redirect(safeReturnPath(input.next) ?? (role === 'shop_owner' ? '/shop/new' : ROLE_HOME.customer));
});

export const signInAction = publicAction(ZSignInRequest, async (input) => {
  let role: TUserRole;
  try {
    const result = await auth().api.signInEmail({
      body: { email: input.email, password: input.password },
      headers: await headers(),
    });
    role = (result.user as typeof result.user & { role: TUserRole }).role;
  } catch (error) {
    if (error instanceof APIError) throw authFieldError(error);
    throw error;
  }
  redirect(safeReturnPath(input.next) ?? ROLE_HOME[role]);
});

/** Mails per address and window: asking again within it sends nothing new (the earlier link still works). */
const SIGN_IN_LINK_WINDOW_MS = 10 * 60_000;

/**
 * "Email me a sign-in link": always the same answer, whether or not the address has a guest
 * account, so the form does not tell who has one. The link is sent only to guest accounts
 * (lib/auth/guest-accounts.ts), at most one per address every ten minutes.
 */
export const sendSignInLinkAction = publicAction(ZSignInLinkRequest, async (input) => {
  const window = Math.floor(Date.now() / SIGN_IN_LINK_WINDOW_MS);
  await auth().api.signInMagicLink({
    body: {
      email: input.email,
      callbackURL: safeReturnPath(input.next) ?? '/orders',
      errorCallbackURL: `/sign-in/link?next=${encodeURIComponent(safeReturnPath(input.next) ?? '/orders')}`,
      metadata: { dedupeKey: `sign-in-link:${input.email}:${window}` },
    },
    headers: await headers(),
  });
  return { success: `If ${input.email} has a guest account, a sign-in link is on its way. It works once, for 24 hours.` };
});

export async function signOutAction(): Promise<void> {
  await auth().api.signOut({ headers: await headers() });
  redirect('/');
}
