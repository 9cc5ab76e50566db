import type { TOrder } from '@/db/schema';
import { checkoutAsGuest, type TGuestCheckoutAccess } from '@/lib/orders/guest-checkout';
import type { TOrderQuote } from '@/lib/quote/order-quote';
import type { TJobOptions } from '@/lib/job-options/job-options';
import { createCheckoutSession } from './create-checkout-session';

export type TPlaceGuestOrderResult = { kind: 'checkout'; order: TOrder; checkoutUrl: string; access: TGuestCheckoutAccess } | { kind: 'price_changed'; quote: TOrderQuote };

/** placeOrder for a guest: the account for their email and the order first (lib/orders/guest-checkout.ts), then the payment page. */
export async function placeGuestOrder(options: {
  guestUserId: string;
  email: string;
  shopId: string;
  job: TJobOptions;
  documentIds: string[];
  expectedTotalMinor: number;
}): Promise<TPlaceGuestOrderResult> {
  const created = await checkoutAsGuest(options);
  if (created.kind !== 'created') return created;
  const session = await createCheckoutSession(created.order);
  return { kind: 'checkout', order: created.order, checkoutUrl: session.url, access: created.access };
}
