import { db } from '@/db/client';
import { orders, shopHours, type TOrder, type TShop } from '@/db/schema';
import { createTestShop, createTestUser } from '@/dev/test-support/fixtures';
import { newOrderNumber } from '@/lib/orders/order-number';
import type { TOrderQuote } from '@/lib/quote/order-quote';

/** A paid order's frozen quote: 12 black & white pages at €0.10 and a €1.00 job fee (minor units). */
export const MAIL_TEST_QUOTE: TOrderQuote = {
  currency: 'eur',
  lines: [
    { kind: 'pages_mono', label: '12 black & white pages', quantity: 12, unitMinor: 10, amountMinor: 120 },
    { kind: 'job_fee', label: 'Job fee', quantity: 1, unitMinor: 100, amountMinor: 100 },
  ],
  totalMinor: 220,
  impressions: { colorImpressions: 0, monoImpressions: 12, sheets: 12 },
  copies: 1,
  platformFeeMinor: 22,
  shopEarningMinor: 198,
  pageCount: 12,
  colorPageCount: 0,
};

/**
 * What a mail is about, straight in the database (no Stripe): a customer, an active shop open
 * Monday to Friday 09:00–18:00 with a legal name and VAT number, and a paid order there.
 */
export async function createOrderToMail(
  options: { shop?: Partial<TShop> } = {},
): Promise<{ order: TOrder; shop: TShop; customer: { id: string; email: string }; owner: { id: string; email: string } }> {
  const owner = await createTestUser('shop_owner');
  const customer = await createTestUser('customer');
  const shop = await createTestShop({ ownerId: owner.id, legalName: 'Liffey Print Services Ltd', vatId: 'IE1234567T', postcode: 'D02 X285', phone: '+353 1 555 0100', ...options.shop });
  await db.insert(shopHours).values([1, 2, 3, 4, 5].map((weekday) => ({ shopId: shop.id, weekday, opensMinute: 9 * 60, closesMinute: 18 * 60 })));
  const [order] = await db
    .insert(orders)
    .values({
      number: newOrderNumber(),
      customerId: customer.id,
      shopId: shop.id,
      status: 'paid',
      options: { media: 'iso_a4_210x297mm', colorMode: 'monochrome', sides: 'one-sided', copies: 1, pagesPerSheet: 1, finishing: 'none' },
      quote: MAIL_TEST_QUOTE,
      currency: 'eur',
      totalMinor: MAIL_TEST_QUOTE.totalMinor,
      paidAt: new Date(),
    })
    .returning();
  return { order, shop, customer, owner };
}
