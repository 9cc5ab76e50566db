import type Stripe from 'stripe';
import { completeOrderMove, findMoveId } from '../moves/complete-order-move';
import { syncOrderWithStripe } from '../sync-order-with-stripe';
import { findOrderId } from './find-order';

/** payment_intent.succeeded: an order's payment, or a move's top-up (its metadata names the move). */
export async function handlePaymentIntentEvent(event: Stripe.Event): Promise<void> {
  const intent = event.data.object as Stripe.PaymentIntent;
  const moveId = await findMoveId(intent.metadata?.nearprint_order_move_id);
  if (moveId) {
    await completeOrderMove(moveId);
    return;
  }
  const orderId = await findOrderId({ metadataOrderId: intent.metadata?.order_id, paymentIntentId: intent.id });
  if (orderId) await syncOrderWithStripe(orderId);
}
