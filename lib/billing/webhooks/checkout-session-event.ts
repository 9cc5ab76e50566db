import type Stripe from 'stripe';
import { syncOrderWithStripe } from '../sync-order-with-stripe';
import { findOrderId } from './find-order';

/** checkout.session.completed / async_payment_succeeded / expired */
export async function handleCheckoutSessionEvent(event: Stripe.Event): Promise<void> {
  const session = event.data.object as Stripe.Checkout.Session;
  const orderId = await findOrderId({ metadataOrderId: session.metadata?.order_id ?? session.client_reference_id, checkoutSessionId: session.id });
  if (orderId) await syncOrderWithStripe(orderId);
}
