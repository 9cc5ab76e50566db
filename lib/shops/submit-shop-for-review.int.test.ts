import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDb, db } from '@/db/client';
import { events, shops } from '@/db/schema';
import { createTestUser } from '@/dev/test-support/fixtures';
import { setShopStatus } from '@/lib/admin/shop-review';
import { isAppError } from '@/lib/errors/app-error';
import { createFixtureShop } from '@/lib/search/testing/create-fixture-shop';
import { replacePriceList } from './shop-prices';
import { submitShopForReview } from './submit-shop-for-review';

afterAll(async () => {
  await closeDb();
});

const A4 = 'iso_a4_210x297mm';
const A3 = 'iso_a3_297x420mm';

async function draftShop(options: { withPrinters?: boolean } = {}) {
  const owner = await createTestUser('shop_owner');
  const { shop } = await createFixtureShop({
    ownerId: owner.id,
    name: `Draft ${owner.id.slice(0, 6)}`,
    lat: 53.35,
    lng: -6.26,
    status: 'pending_review',
    printers:
      options.withPrinters === false
        ? []
        : [
            { isColor: true, isDuplex: true, media: [A4, A3], pagesPerMinute: 20 },
            { isColor: false, isDuplex: false, media: [A4, 'iso_a5_148x210mm'], pagesPerMinute: 30, isOnline: false },
          ],
    prices: [
      { media: A4, colorMode: 'monochrome', sides: 'one-sided', pricePerPageMinor: 8 },
      { media: A4, colorMode: 'color', sides: 'one-sided', pricePerPageMinor: 40 },
    ],
  });
  return { ownerId: owner.id, shopId: shop.id };
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('submitting a shop for review', () => {
  it('is refused with the list of sizes and colours the printers can do but the price list lacks, and leaves the shop a draft', async () => {
    const shop = await draftShop();
    const error = await refusal(submitShopForReview(shop));
    expect(error.code).toBe('unprocessable');
    expect(error.fieldErrors?.prices).toEqual(['A3 black & white', 'A3 colour', 'A5 black & white']);
    expect(error.message).toContain('A3 colour');
    const [row] = await db.select().from(shops).where(eq(shops.id, shop.shopId));
    expect(row.submittedForReviewAt).toBeNull();
  });

  it('goes through once every one is priced (either side), once only, and an admin can then approve', async () => {
    const shop = await draftShop();
    const admin = await createTestUser('admin');
    expect((await refusal(setShopStatus({ shopId: shop.shopId, status: 'active', reason: '', openJobs: 'finish', adminId: admin.id }))).message).toMatch(/not submitted/);
    await replacePriceList({
      ...shop,
      priceList: {
        prices: [
          { media: A4, colorMode: 'monochrome', sides: 'one-sided', pricePerPageMinor: 8 },
          { media: A4, colorMode: 'color', sides: 'one-sided', pricePerPageMinor: 40 },
          { media: A3, colorMode: 'monochrome', sides: 'two-sided', pricePerPageMinor: 16 },
          { media: A3, colorMode: 'color', sides: 'one-sided', pricePerPageMinor: 80 },
          { media: 'iso_a5_148x210mm', colorMode: 'monochrome', sides: 'one-sided', pricePerPageMinor: 6 },
        ],
        jobFeeMinor: 0,
        minimumChargeMinor: 0,
        finishing: [],
      },
    });
    await submitShopForReview(shop);
    const [row] = await db.select().from(shops).where(eq(shops.id, shop.shopId));
    expect(row.status).toBe('pending_review');
    expect(row.submittedForReviewAt).toBeInstanceOf(Date);
    expect((await db.select().from(events).where(eq(events.shopId, shop.shopId))).map((e) => e.type)).toContain('shop.submitted_for_review');
    expect((await refusal(submitShopForReview(shop))).code).toBe('conflict');
    await setShopStatus({ shopId: shop.shopId, status: 'active', reason: '', openJobs: 'finish', adminId: admin.id });
  });

  it('is refused without a printer, and for another owner the shop does not exist', async () => {
    const shop = await draftShop({ withPrinters: false });
    expect((await refusal(submitShopForReview(shop))).message).toMatch(/Connect a printer/);
    const stranger = await createTestUser('shop_owner');
    expect((await refusal(submitShopForReview({ shopId: shop.shopId, ownerId: stranger.id }))).code).toBe('not_found');
    expect((await refusal(submitShopForReview({ shopId: 'not-an-id', ownerId: shop.ownerId }))).code).toBe('not_found');
  });
});
