import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { TDatabase } from '@/db/client';
import { accounts, documents, users } from '@/db/schema';
import { enqueueMail } from '@/lib/mail/enqueue-mail';

/** The placeholder address domain of anonymous (pre-checkout) users; `.invalid` can never receive mail. */
export const GUEST_EMAIL_DOMAIN = 'guest.nearprint.invalid';

/** How long an emailed sign-in link works. Long enough to open the order tomorrow from another device; used once. */
export const SIGN_IN_LINK_TTL_S = 24 * 60 * 60;

type TTx = Parameters<Parameters<TDatabase['transaction']>[0]>[0] | TDatabase;

/**
 * Moves every upload of an anonymous session to an account: at checkout (to the account of the
 * email typed there) and when an anonymous visitor signs in or up (better-auth's anonymous plugin
 * calls onLinkAccount). Only from a user that is still anonymous, so a stale call cannot take a
 * real account's documents.
 */
export async function moveGuestDocuments(tx: TTx, options: { fromUserId: string; toUserId: string }): Promise<number> {
  if (options.fromUserId === options.toUserId) return 0;
  const moved = await tx
    .update(documents)
    .set({ ownerId: options.toUserId, updatedAt: new Date() })
    .where(and(eq(documents.ownerId, options.fromUserId), sql`exists (select 1 from users where id = ${options.fromUserId} and is_anonymous)`))
    .returning({ id: documents.id });
  return moved.length;
}

/**
 * Who may receive a magic link: a customer account without a password (a guest's). A password
 * account signs in with its password: better-auth's magic-link verify strips an unverified
 * account's password and sessions when it proves the email, which must not happen to a customer
 * because someone else typed their address at a guest checkout. Shop owners and admins never
 * sign in by link.
 */
export async function canReceiveSignInLink(database: TTx, email: string): Promise<boolean> {
  const [user] = await database.select({ id: users.id, role: users.role, isAnonymous: users.isAnonymous }).from(users).where(eq(users.email, email.trim().toLowerCase()));
  if (!user || user.role !== 'customer' || user.isAnonymous) return false;
  const [password] = await database
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.userId, user.id), eq(accounts.providerId, 'credential')));
  return !password;
}

/** What callers pass to better-auth's signInMagicLink as `metadata`. */
export const ZSignInLinkMetadata = z.object({ orderId: z.uuid().optional(), dedupeKey: z.string().min(1).max(200).optional() });

/**
 * better-auth's sendMagicLink: the link goes into the mail outbox (durable; the worker sends it)
 * only when the address may sign in by link; otherwise nothing is sent and the caller cannot
 * tell, so the sign-in page does not reveal which addresses have accounts.
 */
export async function enqueueSignInLink(database: TDatabase, link: { email: string; url: string; token: string; metadata?: unknown }): Promise<boolean> {
  const metadata = ZSignInLinkMetadata.catch({}).parse(link.metadata ?? {});
  return database.transaction(async (tx) => {
    if (!(await canReceiveSignInLink(tx, link.email))) return false;
    return enqueueMail(tx, {
      to: link.email.trim().toLowerCase(),
      payload: { kind: 'auth.sign_in_link', url: link.url, orderId: metadata.orderId, expiresInMinutes: SIGN_IN_LINK_TTL_S / 60 },
      dedupeKey: metadata.dedupeKey ?? `sign-in-link:${link.token}`,
    });
  });
}
