import 'server-only';
import type { TUserRole } from '@/db/schema';
import type { TSessionUser } from '@/lib/auth/roles';
import { auth } from './auth';

/**
 * The user a long-lived request's session belongs to now, read again from the database (never
 * from a cookie cache): null once they signed out or the session expired. For streams, which
 * outlive the request scope `getCurrentUser` works in.
 */
export async function currentSessionUser(request: Request): Promise<TSessionUser | null> {
  const session = await auth().api.getSession({ headers: request.headers, query: { disableCookieCache: true } });
  if (!session) return null;
  const { id, email, name, role } = session.user as typeof session.user & { role: TUserRole };
  return { id, email, name, role };
}
