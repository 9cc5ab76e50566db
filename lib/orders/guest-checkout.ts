import { and, eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { accounts, sessions, users, type TOrder } from '@/db/schema';
import { GUEST_EMAIL_DOMAIN, moveGuestDocuments } from '@/lib/auth/guest-accounts';
import { AppError } from '@/lib/errors/app-error';
import type { TOrderQuote } from '@/lib/quote/order-quote';
import { createOrderIn, type TCreateOrderOptions } from './create-order';

/**
 * `signed_in`: the email was new, so the guest's own session now belongs to its account and shows
 * the order at once. `sign_in_required`: the email already has an account; the order is that
 * account's, and only someone who proves the email (the emailed link) or knows its password sees it.
 */
export type TGuestCheckoutAccess = 'signed_in' | 'sign_in_required';

export type TGuestCheckoutResult = { kind: 'created'; order: TOrder; customerId: string; access: TGuestCheckoutAccess } | { kind: 'price_changed'; quote: TOrderQuote };

export const REFUSED_GUEST_EMAIL = 'This email address cannot be used for a guest order. Sign in to order with it, or use another address.';

class PriceChanged extends Error {
  constructor(readonly quote: TOrderQuote) {
    super('price changed');
  }
}

const isUniqueViolation = (error: unknown) => {
  for (let e = error as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) if (e.code === '23505') return true;
  return false;
};

/**
 * A guest's checkout with only an email. In one transaction, with the guest's and the email's
 * user rows locked: the account for the email is found or made, the guest's uploads move to it,
 * and the order is created for it at the quote the guest saw; a changed price undoes all of it.
 *
 * - New email: the anonymous user becomes the account (its email set, unverified, no longer
 *   anonymous), so the uploads are already its and the guest's session stays signed in.
 * - The email of an existing customer: the uploads and the order go to that account, and the
 *   guest stays anonymous. If that account is itself an unproven guest account (no password, email
 *   never confirmed), its sessions are ended: none of them proved the email, and whoever holds
 *   one must not see this order. Proof comes from the emailed link (better-auth's magic-link
 *   verify marks the email verified).
 * - The email of a shop owner or an admin: refused; their accounts never hold customer orders.
 */
export async function checkoutAsGuest(options: Omit<TCreateOrderOptions, 'customerId'> & { guestUserId: string; email: string }): Promise<TGuestCheckoutResult> {
  const email = options.email.trim().toLowerCase();
  if (email.endsWith(`@${GUEST_EMAIL_DOMAIN}`)) throw new AppError('bad_request', 'Enter your own email address.', { fieldErrors: { email: ['Enter your own email address'] } });
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        const [guest] = await tx.execute<{ id: string; is_anonymous: boolean }>(sql`select id, is_anonymous from users where id = ${options.guestUserId} for update`);
        if (!guest?.is_anonymous) throw new AppError('conflict', 'You are signed in to an account now. Reload the page to order with it.');
        const [existing] = await tx.execute<{ id: string; role: string; email_verified: boolean }>(sql`select id, role, email_verified from users where email = ${email} for update`);
        let customerId: string;
        let access: TGuestCheckoutAccess;
        if (!existing) {
          await tx.update(users).set({ email, name: '', emailVerified: false, isAnonymous: false, updatedAt: new Date() }).where(eq(users.id, guest.id));
          customerId = guest.id;
          access = 'signed_in';
        } else {
          if (existing.role !== 'customer') throw new AppError('forbidden', REFUSED_GUEST_EMAIL, { fieldErrors: { email: [REFUSED_GUEST_EMAIL] } });
          if (!existing.email_verified) {
            const [password] = await tx
              .select({ id: accounts.id })
              .from(accounts)
              .where(and(eq(accounts.userId, existing.id), eq(accounts.providerId, 'credential')));
            if (!password) await tx.delete(sessions).where(eq(sessions.userId, existing.id));
          }
          await moveGuestDocuments(tx, { fromUserId: guest.id, toUserId: existing.id });
          customerId = existing.id;
          access = 'sign_in_required';
        }
        const created = await createOrderIn(tx, { ...options, customerId });
        if (created.kind === 'price_changed') throw new PriceChanged(created.quote);
        return { kind: 'created' as const, order: created.order, customerId, access };
      });
    } catch (error) {
      if (error instanceof PriceChanged) return { kind: 'price_changed', quote: error.quote };
      // Another guest took this new email between our read and our write: its account exists now.
      if (attempt < 2 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}
