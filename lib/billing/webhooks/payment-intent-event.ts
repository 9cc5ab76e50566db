import type Stripe from 'stripe';
import { syncOrderWithStripe } from '../sync-order-with-stripe';
import { findOrderId } from './find-order';

/** payment_intent.succeeded */
export async function handlePaymentIntentEvent(event: Stripe.Event): Promise<void> {
  const intent = event.data.object as Stripe.PaymentIntent;
  const orderId = await findOrderId({ metadataOrderId: intent.metadata?.order_id, paymentIntentId: intent.id });
  if (orderId) await syncOrderWithStripe(orderId);
}
