import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { db } from '@/db/client';
import { shops } from '@/db/schema';
import { appendEvent } from '@/lib/events/append-event';

/** account.updated: the shop's Connect status, as the owner and the payout run see it. */
export async function handleAccountUpdatedEvent(event: Stripe.Event): Promise<void> {
  const account = event.data.object as Stripe.Account;
  await syncConnectAccount(account);
}

export async function syncConnectAccount(account: Stripe.Account): Promise<void> {
  await db.transaction(async (tx) => {
    const [shop] = await tx
      .update(shops)
      .set({
        stripeChargesEnabled: account.charges_enabled ?? false,
        stripePayoutsEnabled: account.payouts_enabled ?? false,
        stripeDetailsSubmitted: account.details_submitted ?? false,
        updatedAt: new Date(),
      })
      .where(eq(shops.stripeAccountId, account.id))
      .returning({ id: shops.id });
    if (shop) await appendEvent({ type: 'shop.payouts_status', shopId: shop.id, actor: 'stripe', data: { payoutsEnabled: account.payouts_enabled, detailsSubmitted: account.details_submitted } }, tx);
  });
}
