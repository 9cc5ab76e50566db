import 'server-only';
import { headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import type { TUserRole } from '@/db/schema';
import { hasRole, type TSessionUser } from '@/lib/auth/roles';
import { auth } from './auth';

/** The signed-in user for this request, looked up once per render. */
export const getCurrentUser = cache(async (): Promise<TSessionUser | null> => {
  const requestHeaders = await headers(); // first: marks the route dynamic before auth is touched
  const session = await auth().api.getSession({ headers: requestHeaders });
  if (!session) return null;
  const { id, email, name, role, isAnonymous } = session.user as typeof session.user & { role: TUserRole; isAnonymous?: boolean | null };
  return { id, email, name, role, isAnonymous: !!isAnonymous };
});

/**
 * For layouts and pages: anonymous visitors go to sign-in (and come back), signed-in users
 * without the role get a 403 page. Checked on the server for every request.
 */
export async function requirePageRole(roles: readonly TUserRole[], returnTo: string): Promise<TSessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(returnTo)}`);
  if (!hasRole(user, roles)) forbidden();
  return user;
}
