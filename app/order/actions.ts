'use server';

import { headers } from 'next/headers';
import { z } from 'zod';
import { auth } from '@/app/_lib/auth';
import { ZEmail } from '@/lib/auth/auth-schemas';
import { placeGuestOrder } from '@/lib/billing/place-guest-order';
import { AppError } from '@/lib/errors/app-error';
import { roleCall } from '@/app/_lib/action';
import { cancelUnpaidOrder } from '@/lib/billing/cancel-unpaid-order';
import { ZJobOptions } from '@/lib/job-options/job-options';
import { placeOrder } from '@/lib/billing/place-order';
import { loadJobDocuments } from '@/lib/quote/job-snapshot';
import { customerQuote } from '@/lib/quote/customer-quote';
import { quoteForShop } from '@/lib/quote/quote-for-shop';

const ZQuoteRequest = z.object({
  shopId: z.uuid('Unknown shop'),
  job: ZJobOptions,
  documentIds: z.array(z.uuid()).min(1, 'Add at least one document').max(20, 'At most 20 documents in one order'),
});

/** The exact price of the customer's job at one shop, from the server's own computation. */
export const quoteOrderAction = roleCall(['customer'], ZQuoteRequest, async (input, user) => {
  const documents = await loadJobDocuments({ ownerId: user.id, documentIds: input.documentIds, pageRanges: input.job.pageRanges });
  return customerQuote((await quoteForShop({ shopId: input.shopId, job: input.job, documents: documents.map((d) => d.pageColors) })).quote);
});

/**
 * Creates the order and its payment page. Returns the new quote instead when the shop's prices
 * changed since the customer saw the total, so they confirm before paying.
 */
export const placeOrderAction = roleCall(['customer'], ZQuoteRequest.extend({ expectedTotalMinor: z.number().int().min(0), email: ZEmail.optional() }), async (input, user) => {
  if (user.isAnonymous) return placeGuestOrderFor(input, user.id);
  const result = await placeOrder({ customerId: user.id, shopId: input.shopId, job: input.job, documentIds: input.documentIds, expectedTotalMinor: input.expectedTotalMinor });
  return result.kind === 'checkout' ? { kind: 'checkout' as const, orderId: result.order.id, checkoutUrl: result.checkoutUrl } : { kind: 'price_changed' as const, quote: customerQuote(result.quote) };
});

/** Gives up an unpaid order: its payment page is closed at Stripe first, so it cannot be paid after. */
export const cancelUnpaidOrderAction = roleCall(['customer'], z.object({ orderId: z.uuid() }), async (input, user) => cancelUnpaidOrder({ orderId: input.orderId, customerId: user.id }));

/**
 * A guest's checkout: their email makes or finds the account the order belongs to
 * (lib/orders/guest-checkout.ts), then a one-time sign-in link to the order goes into the mail
 * outbox (sent only to guest accounts; lib/auth/guest-accounts.ts), so they can open it later on
 * any device.
 */
async function placeGuestOrderFor(input: { shopId: string; job: z.infer<typeof ZJobOptions>; documentIds: string[]; expectedTotalMinor: number; email?: string }, guestUserId: string) {
  if (!input.email) throw new AppError('bad_request', 'Enter your email address: your receipt and a link to your order go there.', { fieldErrors: { email: ['Enter your email address'] } });
  const result = await placeGuestOrder({ guestUserId, email: input.email, shopId: input.shopId, job: input.job, documentIds: input.documentIds, expectedTotalMinor: input.expectedTotalMinor });
  if (result.kind === 'price_changed') return { kind: 'price_changed' as const, quote: customerQuote(result.quote) };
  const orderPath = `/orders/${result.order.id}`;
  await auth().api.signInMagicLink({
    body: {
      email: input.email,
      callbackURL: orderPath,
      errorCallbackURL: `/sign-in/link?next=${encodeURIComponent(orderPath)}`,
      metadata: { orderId: result.order.id, dedupeKey: `sign-in-link:order:${result.order.id}` },
    },
    headers: await headers(),
  });
  return { kind: 'checkout' as const, orderId: result.order.id, checkoutUrl: result.checkoutUrl };
}
