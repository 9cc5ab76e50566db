import { db } from '@/db/client';
import { orderDocuments, orders, type TOrder } from '@/db/schema';
import type { TOrderQuote } from '@/lib/quote/order-quote';
import { appendEvent } from '@/lib/events/append-event';
import type { TJobOptions } from '@/lib/job-options/job-options';
import { loadJobDocuments } from '@/lib/quote/job-pages';
import { newOrderNumber } from './order-number';
import { quoteForShop } from '@/lib/quote/quote-for-shop';

export type TCreateOrderResult = { kind: 'created'; order: TOrder } | { kind: 'price_changed'; quote: TOrderQuote };

/**
 * Turns the customer's job into an order awaiting payment (its payment page is billing's:
 * lib/billing/place-order.ts). The price is recomputed here from the shop's current price
 * list; if it differs from what the customer saw, nothing is created and the new quote goes
 * back so they can agree to it first.
 */
export async function createOrder(options: {
  customerId: string;
  shopId: string;
  job: TJobOptions;
  documentIds: string[];
  /** The total the customer saw and agreed to, in minor units. */
  expectedTotalMinor: number;
}): Promise<TCreateOrderResult> {
  const jobDocuments = await loadJobDocuments({ ownerId: options.customerId, documentIds: options.documentIds, pageRanges: options.job.pageRanges });
  const { shop, quote } = await quoteForShop({ shopId: options.shopId, job: options.job, documents: jobDocuments.map((d) => d.pageColors) });
  if (quote.totalMinor !== options.expectedTotalMinor) return { kind: 'price_changed', quote };

  const order = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(orders)
      .values({
        number: newOrderNumber(),
        customerId: options.customerId,
        shopId: shop.id,
        options: options.job,
        quote,
        currency: quote.currency,
        totalMinor: quote.totalMinor,
        platformFeeMinor: quote.platformFeeMinor,
      })
      .returning();
    await tx.insert(orderDocuments).values(options.documentIds.map((documentId, position) => ({ orderId: created.id, documentId, position })));
    await appendEvent({ type: 'order.created', orderId: created.id, shopId: shop.id, actor: options.customerId, data: { number: created.number, totalMinor: created.totalMinor } }, tx);
    return created;
  });
  return { kind: 'created', order };
}
