import { and, eq, isNull, lt } from 'drizzle-orm';
import { db } from '@/db/client';
import { orderMoves } from '@/db/schema';
import { CHECKOUT_LIFETIME_S } from '../create-checkout-session';
import { completeOrderMove } from './complete-order-move';
import { settleMoveDifference, UNSETTLED_MOVE } from './settle-move-difference';

/**
 * How long after a top-up page was created housekeeping looks at it: its lifetime plus a
 * margin for Stripe's own expiry sweep. Until then the webhook completes or expires the move.
 */
const STALE_AFTER_MS = (CHECKOUT_LIFETIME_S + 10 * 60) * 1000;

/**
 * Housekeeping's safety net for moves, never their normal path: refunds still owed for a move
 * (retried until Stripe takes them), and top-ups whose page outlived its lifetime with no
 * webhook heard (the endpoint was down for days, say), read from Stripe: booked and applied or
 * refunded if paid, canceled if expired. A late payment of a move canceled here still reaches
 * the webhook, which books and refunds it.
 */
export async function syncOrderMoves(options: { orderId?: string } = {}): Promise<number> {
  const scope = options.orderId ? eq(orderMoves.orderId, options.orderId) : undefined;
  const stale = await db
    .select({ id: orderMoves.id, sessionId: orderMoves.stripeCheckoutSessionId })
    .from(orderMoves)
    .where(and(eq(orderMoves.status, 'pending_payment'), lt(orderMoves.createdAt, new Date(Date.now() - STALE_AFTER_MS)), scope))
    .limit(50);
  const unsettled = await db
    .select({ id: orderMoves.id })
    .from(orderMoves)
    .where(and(UNSETTLED_MOVE, isNull(orderMoves.differenceSettledAt), scope))
    .limit(50);
  let changed = 0;
  for (const move of stale) {
    try {
      if ((await completeOrderMove(move.id)) !== 'pending') changed += 1;
      // No page was ever recorded (a crash right after asking Stripe): any page it had has expired by now.
      else if (!move.sessionId) {
        await db
          .update(orderMoves)
          .set({ status: 'canceled' })
          .where(and(eq(orderMoves.id, move.id), eq(orderMoves.status, 'pending_payment'), isNull(orderMoves.stripeCheckoutSessionId)));
        changed += 1;
      }
    } catch (error) {
      console.error(`[order-moves] move ${move.id}:`, error);
    }
  }
  for (const move of unsettled) changed += (await settleMoveDifference(move.id)) > 0 ? 1 : 0;
  return changed;
}
