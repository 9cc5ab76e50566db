import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDb, db } from '@/db/client';
import { auditLog, shops } from '@/db/schema';
import { createTestUser } from '@/dev/test-support/fixtures';
import { isAppError } from '@/lib/errors/app-error';
import { createFixtureShop } from '@/lib/search/testing/create-fixture-shop';
import { listShopReviews } from '@/lib/shops/shop-reviews';
import { submitShopForReview } from '@/lib/shops/submit-shop-for-review';
import { reviewShop, ZReviewShopRequest } from './review-shop';

afterAll(async () => {
  await closeDb();
});

const A4 = 'iso_a4_210x297mm';

/** A shop whose owner submitted it: one mono A4 printer, priced. */
async function submittedShop() {
  const owner = await createTestUser('shop_owner');
  const { shop } = await createFixtureShop({
    ownerId: owner.id,
    name: `Review ${owner.id.slice(0, 6)}`,
    lat: 53.35,
    lng: -6.26,
    status: 'pending_review',
    printers: [{ isColor: false, isDuplex: false, media: [A4], pagesPerMinute: 20 }],
    prices: [{ media: A4, colorMode: 'monochrome', sides: 'one-sided', pricePerPageMinor: 8 }],
  });
  await submitShopForReview({ shopId: shop.id, ownerId: owner.id });
  return { shopId: shop.id, ownerId: owner.id };
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

async function shopRow(shopId: string) {
  const [row] = await db.select().from(shops).where(eq(shops.id, shopId));
  return row;
}

describe('an admin reviews a submitted shop', () => {
  it('needs a reason to request changes or reject, not to approve', () => {
    const shopId = crypto.randomUUID();
    const missing = ZReviewShopRequest.safeParse({ shopId, decision: 'changes_requested', reason: ' ' });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues[0].path).toEqual(['reason']);
    expect(ZReviewShopRequest.safeParse({ shopId, decision: 'rejected' }).success).toBe(false);
    expect(ZReviewShopRequest.safeParse({ shopId, decision: 'approved' }).success).toBe(true);
    expect(ZReviewShopRequest.safeParse({ shopId, decision: 'banish', reason: 'why not' }).success).toBe(false);
  });

  it('requests changes → the owner resubmits → approved, with the history kept and each decision audited', async () => {
    const shop = await submittedShop();
    const admin = await createTestUser('admin');
    await reviewShop({ shopId: shop.shopId, decision: 'changes_requested', reason: 'Add a photo of the shop front.', adminId: admin.id });
    let row = await shopRow(shop.shopId);
    expect(row.status).toBe('pending_review');
    expect(row.submittedForReviewAt).toBeNull();
    // Back with the owner: nothing to decide until they submit again.
    expect((await refusal(reviewShop({ shopId: shop.shopId, decision: 'approved', reason: '', adminId: admin.id }))).code).toBe('conflict');

    await submitShopForReview(shop);
    await reviewShop({ shopId: shop.shopId, decision: 'approved', reason: '', adminId: admin.id });
    row = await shopRow(shop.shopId);
    expect(row.status).toBe('active');
    expect((await listShopReviews(shop.shopId)).map((r) => [r.decision, r.reason])).toEqual([
      ['approved', ''],
      ['changes_requested', 'Add a photo of the shop front.'],
    ]);
    const audit = await db
      .select({ action: auditLog.action, reason: auditLog.reason })
      .from(auditLog)
      .where(and(eq(auditLog.targetType, 'shop'), eq(auditLog.targetId, shop.shopId)));
    expect(audit.map((a) => a.action).sort()).toEqual(['shop.approve', 'shop.request_changes']);
  });

  it('rejects: the owner is told why and cannot submit again', async () => {
    const shop = await submittedShop();
    const admin = await createTestUser('admin');
    await reviewShop({ shopId: shop.shopId, decision: 'rejected', reason: 'This is not a print shop.', adminId: admin.id });
    expect((await shopRow(shop.shopId)).status).toBe('pending_review');
    const error = await refusal(submitShopForReview(shop));
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('This is not a print shop.');
    expect(error.message).toContain('contact support');
  });

  it('gives one decision when two admins decide at once', async () => {
    const shop = await submittedShop();
    const [first, second] = await Promise.all([createTestUser('admin'), createTestUser('admin')]);
    const results = await Promise.allSettled([
      reviewShop({ shopId: shop.shopId, decision: 'approved', reason: '', adminId: first.id }),
      reviewShop({ shopId: shop.shopId, decision: 'rejected', reason: 'Duplicate listing.', adminId: second.id }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await listShopReviews(shop.shopId)).toHaveLength(1);
  });

  it('refuses unknown and malformed shop ids as not found', async () => {
    const admin = await createTestUser('admin');
    expect((await refusal(reviewShop({ shopId: crypto.randomUUID(), decision: 'approved', reason: '', adminId: admin.id }))).code).toBe('not_found');
    expect((await refusal(reviewShop({ shopId: 'nope', decision: 'approved', reason: '', adminId: admin.id }))).code).toBe('not_found');
  });
});
