'use server';

import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db/client';
import { orders } from '@/db/schema';
import { roleCall } from '@/app/_lib/action';
import { stripe } from '@/lib/billing/stripe-client';
import { AppError } from '@/lib/errors/app-error';
import { appendEvent } from '@/lib/events/append-event';
import { ZJobOptions } from '@/lib/job-options/job-options';
import { createOrder } from '@/lib/orders/create-order';
import { loadJobDocuments } from '@/lib/quote/job-snapshot';
import { quoteForShop } from '@/lib/quote/quote-for-shop';

const ZQuoteRequest = z.object({
  shopId: z.uuid('Unknown shop'),
  job: ZJobOptions,
  documentIds: z.array(z.uuid()).min(1, 'Add at least one document').max(20, 'At most 20 documents in one order'),
});

/** The exact price of the customer's job at one shop, from the server's own computation. */
export const quoteOrderAction = roleCall(['customer'], ZQuoteRequest, async (input, user) => {
  const documents = await loadJobDocuments({ ownerId: user.id, documentIds: input.documentIds, pageRanges: input.job.pageRanges });
  return (await quoteForShop({ shopId: input.shopId, job: input.job, documents: documents.map((d) => d.pageColors) })).quote;
});

/**
 * Creates the order and its payment page. Returns the new quote instead when the shop's prices
 * changed since the customer saw the total, so they confirm before paying.
 */
export const placeOrderAction = roleCall(['customer'], ZQuoteRequest.extend({ expectedTotalMinor: z.number().int().min(0) }), async (input, user) => {
  const result = await createOrder({ customerId: user.id, shopId: input.shopId, job: input.job, documentIds: input.documentIds, expectedTotalMinor: input.expectedTotalMinor });
  return result.kind === 'checkout' ? { kind: 'checkout' as const, orderId: result.order.id, checkoutUrl: result.checkoutUrl } : { kind: 'price_changed' as const, quote: result.quote };
});

/** Gives up an unpaid order: its payment page is closed at Stripe first, so it cannot be paid after. */
export const cancelUnpaidOrderAction = roleCall(['customer'], z.object({ orderId: z.uuid() }), async (input, user) => {
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.id, input.orderId), eq(orders.customerId, user.id)));
  if (!order) throw new AppError('not_found', 'We could not find that order.');
  if (order.status !== 'awaiting_payment') throw new AppError('conflict', 'Only an unpaid order can be cancelled here.');
  if (order.stripeCheckoutSessionId) {
    const session = await stripe().checkout.sessions.retrieve(order.stripeCheckoutSessionId);
    if (session.status === 'complete') throw new AppError('conflict', 'This order has just been paid. Refresh the page.');
    if (session.status === 'open') await stripe().checkout.sessions.expire(order.stripeCheckoutSessionId);
  }
  await db.transaction(async (tx) => {
    const [canceled] = await tx
      .update(orders)
      .set({ status: 'canceled', canceledAt: new Date(), updatedAt: new Date() })
      .where(and(eq(orders.id, order.id), eq(orders.status, 'awaiting_payment')))
      .returning({ id: orders.id });
    if (canceled) await appendEvent({ type: 'order.canceled', orderId: order.id, shopId: order.shopId, actor: user.id, data: { reason: 'Cancelled by the customer before paying.' } }, tx);
  });
  return { orderId: order.id };
});
