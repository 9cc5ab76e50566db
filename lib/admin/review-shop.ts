import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db/client';
import { shopReviews, shops, type TShopReviewDecision } from '@/db/schema';
import { AppError } from '@/lib/errors/app-error';
import { appendEvent } from '@/lib/events/append-event';
import { isId } from '@/lib/errors/ids';
import { recordAudit } from './record-audit';

export const ZReviewShopRequest = z
  .object({
    shopId: z.uuid('Unknown shop'),
    decision: z.enum(['approved', 'changes_requested', 'rejected'], 'Choose approve, request changes or reject'),
    reason: z.string().trim().max(1000, 'Keep the reason under 1000 characters').default(''),
  })
  .refine((v) => v.decision === 'approved' || v.reason.length >= 3, { path: ['reason'], message: 'Tell the owner why: they read this on their dashboard' });
export type TReviewShopRequest = z.infer<typeof ZReviewShopRequest>;

const AUDIT_ACTION: Record<TShopReviewDecision, string> = { approved: 'shop.approve', changes_requested: 'shop.request_changes', rejected: 'shop.reject' };

/**
 * An admin's decision on a shop its owner submitted. Approval makes it live; a request for
 * changes or a rejection hands it back to the owner (no longer submitted), who reads the
 * reason on their dashboard and, after changes were asked for, may submit again; a rejected
 * shop may not (lib/shops/submit-shop-for-review.ts). The decision, the status change, the
 * audit entry and the event commit together, on the locked shop row, so two admins deciding
 * at once give one decision and one "already decided".
 */
export async function reviewShop(options: TReviewShopRequest & { adminId: string }): Promise<void> {
  if (!isId(options.shopId)) throw new AppError('not_found', 'We could not find that shop.');
  await db.transaction(async (tx) => {
    const [shop] = await tx
      .select({ status: shops.status, statusReason: shops.statusReason, submittedForReviewAt: shops.submittedForReviewAt })
      .from(shops)
      .where(eq(shops.id, options.shopId))
      .for('update');
    if (!shop) throw new AppError('not_found', 'We could not find that shop.');
    if (shop.status !== 'pending_review') throw new AppError('conflict', shop.status === 'active' ? 'The shop is already live.' : 'The shop is suspended; reinstate it instead.');
    if (!shop.submittedForReviewAt) throw new AppError('conflict', 'The owner has not submitted this shop for review (or it was already decided).');
    const after = options.decision === 'approved' ? { status: 'active' as const, statusReason: null } : { status: 'pending_review' as const, statusReason: null, submittedForReviewAt: null };
    await tx
      .update(shops)
      .set({ ...after, updatedAt: new Date() })
      .where(eq(shops.id, options.shopId));
    await tx.insert(shopReviews).values({ shopId: options.shopId, adminId: options.adminId, decision: options.decision, reason: options.reason });
    await recordAudit(
      {
        actorId: options.adminId,
        action: AUDIT_ACTION[options.decision],
        targetType: 'shop',
        targetId: options.shopId,
        reason: options.reason || null,
        before: { status: shop.status, submittedForReviewAt: shop.submittedForReviewAt.toISOString() },
        after: { status: after.status, decision: options.decision },
      },
      tx,
    );
    await appendEvent({ type: `shop.review.${options.decision}`, shopId: options.shopId, actor: options.adminId, data: { decision: options.decision, reason: options.reason } }, tx);
  });
}
