import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { shops, users } from '@/db/schema';
import { env } from '@/lib/config/env';
import { getOwnedShop } from '@/lib/shops/shop-access';
import { stripe } from './stripe-client';

/**
 * Starts (or resumes) Stripe Connect Express onboarding for a shop: creates its connected
 * account once (keyed by shop id), then a fresh single-use Account Link to Stripe's forms.
 */
export async function startConnectOnboarding(options: { shopId: string; ownerId: string }): Promise<string> {
  const shop = await getOwnedShop(options);
  let accountId = shop.stripeAccountId;
  if (!accountId) {
    const [owner] = await db.select({ email: users.email }).from(users).where(eq(users.id, options.ownerId));
    const account = await stripe().accounts.create(
      {
        type: 'express',
        country: shop.country,
        email: owner?.email,
        capabilities: { transfers: { requested: true } },
        business_profile: { name: shop.name },
        metadata: { shop_id: shop.id },
      },
      { idempotencyKey: `connect-account:${shop.id}` },
    );
    accountId = account.id;
    await db.update(shops).set({ stripeAccountId: accountId, updatedAt: new Date() }).where(eq(shops.id, shop.id));
  }
  const base = `${env().APP_URL}/shop/${shop.id}/earnings`;
  const link = await stripe().accountLinks.create({ account: accountId, type: 'account_onboarding', refresh_url: `${base}?connect=refresh`, return_url: `${base}?connect=return` });
  return link.url;
}
