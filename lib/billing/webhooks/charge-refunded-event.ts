import type Stripe from 'stripe';
import { syncOrderWithStripe } from '../sync-order-with-stripe';
import { findOrderId } from './find-order';

/** charge.refunded, charge.refund.updated: books refunds made here or in Stripe's dashboard. */
export async function handleChargeRefundedEvent(event: Stripe.Event): Promise<void> {
  const object = event.data.object as Stripe.Charge | Stripe.Refund;
  const isCharge = object.object === 'charge';
  const paymentIntent = typeof object.payment_intent === 'string' ? object.payment_intent : object.payment_intent?.id;
  const orderId = await findOrderId({
    metadataOrderId: object.metadata?.order_id,
    paymentIntentId: paymentIntent,
    chargeId: isCharge ? object.id : typeof (object as Stripe.Refund).charge === 'string' ? ((object as Stripe.Refund).charge as string) : null,
  });
  if (orderId) await syncOrderWithStripe(orderId);
}
