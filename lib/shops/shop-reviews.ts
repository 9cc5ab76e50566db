import { desc, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { shopReviews, type TShopReviewDecision } from '@/db/schema';

export type TShopReviewEntry = { decision: TShopReviewDecision; reason: string; createdAt: Date };

/** The admins' decisions on a shop, newest first, as its owner reads them (no admin ids). */
export async function listShopReviews(shopId: string, executor: Pick<typeof db, 'select'> = db): Promise<TShopReviewEntry[]> {
  return executor
    .select({ decision: shopReviews.decision, reason: shopReviews.reason, createdAt: shopReviews.createdAt })
    .from(shopReviews)
    .where(eq(shopReviews.shopId, shopId))
    .orderBy(desc(shopReviews.createdAt), desc(shopReviews.id));
}
