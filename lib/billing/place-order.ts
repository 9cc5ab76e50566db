import type { TOrder } from '@/db/schema';
import type { TJobOptions } from '@/lib/job-options/job-options';
import { createOrder } from '@/lib/orders/create-order';
import type { TOrderQuote } from '@/lib/quote/order-quote';
import { createCheckoutSession } from './create-checkout-session';

export type TPlaceOrderResult = { kind: 'checkout'; order: TOrder; checkoutUrl: string } | { kind: 'price_changed'; quote: TOrderQuote };

/**
 * The customer's order and its Stripe Checkout page: the order is created at the server's
 * quote (lib/orders/create-order.ts), then billing opens the payment page for exactly that
 * quote. The order is paid only when the webhook says so.
 */
export async function placeOrder(options: { customerId: string; shopId: string; job: TJobOptions; documentIds: string[]; expectedTotalMinor: number }): Promise<TPlaceOrderResult> {
  const created = await createOrder(options);
  if (created.kind !== 'created') return created;
  const session = await createCheckoutSession(created.order);
  return { kind: 'checkout', order: created.order, checkoutUrl: session.url };
}
