import type Stripe from 'stripe';
import { completeOrderMove, findMoveId } from '../moves/complete-order-move';
import { syncOrderWithStripe } from '../sync-order-with-stripe';
import { findOrderId } from './find-order';

/**
 * checkout.session.completed / async_payment_succeeded / expired: an order's payment page, or
 * the top-up page of a move to a dearer shop (its metadata names the move). Either way the
 * session is read again from Stripe; the event only says where to look.
 */
export async function handleCheckoutSessionEvent(event: Stripe.Event): Promise<void> {
  const session = event.data.object as Stripe.Checkout.Session;
  const moveId = await findMoveId(session.metadata?.nearprint_order_move_id);
  if (moveId) {
    await completeOrderMove(moveId, session.id);
    return;
  }
  if (session.metadata?.nearprint_order_move_id) return; // a move this database does not know
  const orderId = await findOrderId({ metadataOrderId: session.metadata?.order_id ?? session.client_reference_id, checkoutSessionId: session.id });
  if (orderId) await syncOrderWithStripe(orderId);
}
