import { and, count, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { printers, shops } from '@/db/schema';
import { AppError } from '@/lib/errors/app-error';
import { appendEvent } from '@/lib/events/append-event';
import { missingPricesForShop } from './missing-prices';
import { listShopReviews } from './shop-reviews';
import { getOwnedShop } from './shop-access';

/**
 * Sends a new shop to an admin's review. Refused while its enabled printers can do a paper
 * size and colour the price list does not price (a customer choosing it would find no price),
 * naming each one; refused without a printer, and for a shop an admin rejected (after a
 * request for changes it may be submitted again). The shop row is locked while deciding, so a
 * price list saved at the same moment (which updates the row) is judged before or after,
 * never half.
 */
export async function submitShopForReview(options: { shopId: string; ownerId: string }): Promise<void> {
  await getOwnedShop(options);
  await db.transaction(async (tx) => {
    const [shop] = await tx.select({ status: shops.status, submittedForReviewAt: shops.submittedForReviewAt }).from(shops).where(eq(shops.id, options.shopId)).for('update');
    if (shop.status !== 'pending_review') throw new AppError('conflict', shop.status === 'active' ? 'Your shop is already live.' : 'Your shop is suspended; contact support.');
    if (shop.submittedForReviewAt) throw new AppError('conflict', 'Your shop is already waiting for review.');
    const [latest] = await listShopReviews(options.shopId, tx);
    if (latest?.decision === 'rejected') throw new AppError('conflict', `Your shop was not accepted: ${latest.reason} If you think this is a mistake, contact support.`);
    const [fleet] = await tx
      .select({ n: count() })
      .from(printers)
      .where(and(eq(printers.shopId, options.shopId), eq(printers.isEnabled, true)));
    if (fleet.n === 0) throw new AppError('unprocessable', 'Connect a printer before you submit your shop for review.', { fieldErrors: { printers: ['Connect a printer first.'] } });
    const missing = await missingPricesForShop(options.shopId, tx);
    if (missing.length) {
      const labels = missing.map((m) => m.label);
      throw new AppError('unprocessable', `Your printers can do paper and colours your price list has no price for: ${labels.join(', ')}. Add those prices, then submit.`, {
        fieldErrors: { prices: labels },
      });
    }
    await tx.update(shops).set({ submittedForReviewAt: new Date(), updatedAt: new Date() }).where(eq(shops.id, options.shopId));
    await appendEvent({ type: 'shop.submitted_for_review', shopId: options.shopId, actor: options.ownerId, data: {} }, tx);
  });
}
