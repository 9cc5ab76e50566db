import { eq, sql } from 'drizzle-orm';
import { sessions } from '@/db/schema';
import type { TDatabase } from '@/db/client';
import { AppError } from '@/lib/errors/app-error';

/** Guest sessions one client address may start in an hour: a family or an office behind one address, not a script. */
export const GUEST_SESSIONS_PER_ADDRESS_PER_HOUR = 30;

/**
 * Each guest session has a customer's upload limits (lib/documents/upload-allowance.ts); this caps
 * how many of them one address can make, so new sessions cannot be used to multiply those limits.
 * Counted from the guest session rows' `ip_address`, which recordGuestSessionAddress sets to the
 * address the trusted proxy saw (better-auth's own value may be a client-supplied first entry of
 * X-Forwarded-For). Without a trusted proxy the address is unknown and, as for sign-in, only the
 * per-session limits apply.
 */
export async function assertGuestSessionAllowed(database: TDatabase, address: string | null, limit = GUEST_SESSIONS_PER_ADDRESS_PER_HOUR): Promise<void> {
  if (!address) return;
  const [row] = await database.execute<{ count: number }>(sql`
    select count(*)::int as count from sessions s join users u on u.id = s.user_id
    where u.is_anonymous and s.ip_address = ${address} and s.created_at > now() - interval '1 hour'`);
  if ((row?.count ?? 0) >= limit) {
    throw new AppError('too_many_requests', 'Too many guest sessions were started from your network in the last hour. Try again later, or sign in.', { retryAfterSeconds: 3600 });
  }
}

/** Stamps a new guest session with the trusted client address, the one assertGuestSessionAllowed counts by. */
export async function recordGuestSessionAddress(database: TDatabase, userId: string, address: string | null): Promise<void> {
  if (!address) return;
  await database.update(sessions).set({ ipAddress: address }).where(eq(sessions.userId, userId));
}
