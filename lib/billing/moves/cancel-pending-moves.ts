import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { orderMoves, shops, type TOrderMove } from '@/db/schema';
import { AppError } from '@/lib/errors/app-error';
import { appendEvent } from '@/lib/events/append-event';
import { pausePoint } from '@/lib/pause-points/pause-point';
import { stripe } from '../stripe-client';
import { completeOrderMove } from './complete-order-move';

/** A pending move that turned out paid when it was to be canceled: it happened instead. */
export type TCompletedMove = { moveId: string; toShopName: string };

/**
 * Closes the top-up Checkout Session of a move the customer abandons, and says what it was in
 * the end. Stripe refuses to expire a session that is complete; an ambiguous answer (timeout,
 * reset, 5xx) may hide either outcome. In both cases the session itself says: expired, or
 * complete (paid, or an asynchronous payment still on its way). A session Stripe cannot confirm
 * as closed is an error, so the move stays pending rather than being marked canceled while it
 * can still be paid.
 */
async function closeTopUpSession(sessionId: string): Promise<'expired' | 'complete'> {
  try {
    await stripe().checkout.sessions.expire(sessionId);
    return 'expired';
  } catch (expireError) {
    let session;
    try {
      session = await stripe().checkout.sessions.retrieve(sessionId);
    } catch (error) {
      throw new AppError('unavailable', 'Stripe did not confirm that the earlier payment page is closed. Try again in a moment.', { cause: error });
    }
    if (session.status === 'expired') return 'expired';
    if (session.status === 'complete') return 'complete';
    throw new AppError('unavailable', 'Stripe did not confirm that the earlier payment page is closed. Try again in a moment.', { cause: expireError });
  }
}

/**
 * Cancels one pending move: its top-up page is closed at Stripe first; only an expired page
 * (never paid, never payable again) lets the move be marked canceled. A page that turns out
 * paid completes the move the way the webhook would (completeOrderMove: booked, then applied
 * or refunded), so a paid top-up is never dropped whichever of the two gets there first.
 */
async function cancelPendingMove(move: TOrderMove, actor: string): Promise<'canceled' | 'completed'> {
  await pausePoint('move-cancel:before-expire');
  const closed = move.stripeCheckoutSessionId ? await closeTopUpSession(move.stripeCheckoutSessionId) : 'expired';
  await pausePoint('move-cancel:after-expire');
  if (closed === 'complete') {
    const outcome = await completeOrderMove(move.id);
    if (outcome === 'pending') throw new AppError('conflict', 'Your earlier payment for moving this order is still being processed. Try again once it has gone through.');
    return outcome;
  }
  return db.transaction(async (tx) => {
    const [canceled] = await tx
      .update(orderMoves)
      .set({ status: 'canceled' })
      .where(and(eq(orderMoves.id, move.id), eq(orderMoves.status, 'pending_payment')))
      .returning({ id: orderMoves.id });
    if (canceled) {
      await appendEvent({ type: 'order.move_canceled', orderId: move.orderId, shopId: move.fromShopId, actor, data: { reason: 'The customer chose differently before paying the difference.' } }, tx);
      return 'canceled';
    }
    const [now] = await tx.select({ status: orderMoves.status }).from(orderMoves).where(eq(orderMoves.id, move.id));
    return now.status === 'completed' ? 'completed' : 'canceled';
  });
}

/**
 * A customer who picks another shop, or asks for a refund instead, abandons the moves still
 * waiting for their difference to be paid. Returns a move that was paid meanwhile and happened
 * instead (the caller stops: the order is not where the customer thought), or null.
 */
export async function cancelPendingMoves(orderId: string, actor: string): Promise<TCompletedMove | null> {
  const pending = await db
    .select({ move: orderMoves, toShopName: shops.name })
    .from(orderMoves)
    .innerJoin(shops, eq(shops.id, orderMoves.toShopId))
    .where(and(eq(orderMoves.orderId, orderId), eq(orderMoves.status, 'pending_payment')));
  let completed: TCompletedMove | null = null;
  for (const { move, toShopName } of pending) {
    if ((await cancelPendingMove(move, actor)) === 'completed') completed = { moveId: move.id, toShopName };
  }
  return completed;
}
