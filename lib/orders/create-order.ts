import { db, type TDatabase } from '@/db/client';
import { orderDocuments, orders, type TOrder } from '@/db/schema/index';
import type { TOrderQuote } from '@/lib/quote/order-quote';
import { appendEvent } from '@/lib/events/append-event';
import type { TJobOptions } from '@/lib/job-options/job-options';
import { loadJobDocuments } from '@/lib/quote/job-snapshot';
import { newOrderNumber } from './order-number';
import { quoteForShop } from '@/lib/quote/quote-for-shop';

export type TCreateOrderResult = { kind: 'created'; order: TOrder } | { kind: 'price_changed'; quote: TOrderQuote };

export type TCreateOrderOptions = {
  customerId: string;
  shopId: string;
  job: TJobOptions;
  documentIds: string[];
  /** The total the customer saw and agreed to, in minor units. */
  expectedTotalMinor: number;
};

type TTx = Parameters<Parameters<TDatabase['transaction']>[0]>[0];

/**
 * Turns the customer's job into an order awaiting payment (its payment page is billing's:
 * lib/billing/place-order.ts). In one transaction the
 * documents' pages are read once, priced from the shop's current price list, and stored with
 * the order as its snapshot (lib/quote/job-snapshot.ts): what the order charges for is what it
 * prints, whatever happens to the documents afterwards. If the price differs from what the
 * customer saw (a page was switched meanwhile, the shop changed its prices), nothing is created
 * and the new quote goes back so they can agree to it first.
 */
export async function createOrder(options: TCreateOrderOptions): Promise<TCreateOrderResult> {
  return db.transaction((tx) => createOrderIn(tx, options));
}

/** createOrder inside the caller's transaction (guest checkout claims the account in the same one). */
export async function createOrderIn(tx: TTx, options: TCreateOrderOptions): Promise<TCreateOrderResult> {
  const jobDocuments = await loadJobDocuments({ ownerId: options.customerId, documentIds: options.documentIds, pageRanges: options.job.pageRanges, executor: tx });
  const { shop, quote } = await quoteForShop({ shopId: options.shopId, job: options.job, documents: jobDocuments.map((d) => d.pageColors), executor: tx });
  if (quote.totalMinor !== options.expectedTotalMinor) return { kind: 'price_changed' as const, quote };
  const [order] = await tx
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
  await tx.insert(orderDocuments).values(
    jobDocuments.map(({ snapshot }, position) => ({
      orderId: order.id,
      documentId: snapshot.documentId,
      position,
      pageCount: snapshot.pageCount,
      selectedPages: snapshot.selectedPages,
      colorPages: snapshot.colorPages,
      forcedMonoPages: snapshot.forcedMonoPages,
    })),
  );
  await appendEvent({ type: 'order.created', orderId: order.id, shopId: shop.id, actor: options.customerId, data: { number: order.number, totalMinor: order.totalMinor } }, tx);
  return { kind: 'created' as const, order };
}
