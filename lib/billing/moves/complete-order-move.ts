import { and, eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { db } from '@/db/client';
import { orderMoves, orders, type TOrderMove } from '@/db/schema';
import { appendEvent } from '@/lib/events/append-event';
import { applyOrderMove } from '@/lib/orders/apply-order-move';
import { feeRuleAt, platformFeeFor } from '@/lib/quote/platform-fee';
import { orderLedgerSummary, postLedgerTransaction } from '../ledger';
import { stripe } from '../stripe-client';
import { settleMoveDifference } from './settle-move-difference';
import { isId } from '@/lib/errors/ids';

export type TMoveOutcome = 'completed' | 'pending' | 'canceled';

/** The move a Stripe object names in its metadata (`nearprint_order_move_id`), if it is one of ours. */
export async function findMoveId(metadataMoveId: string | null | undefined): Promise<string | null> {
  if (!metadataMoveId || !isId(metadataMoveId)) return null;
  const [move] = await db.select({ id: orderMoves.id }).from(orderMoves).where(eq(orderMoves.id, metadataMoveId));
  return move?.id ?? null;
}

/**
 * Brings a dearer move in line with its top-up Checkout Session at Stripe, read from Stripe
 * rather than from an event body. Called by the webhook (checkout.session.completed,
 * async_payment_succeeded, expired; payment_intent.succeeded), which is the normal path; by
 * the cancel of a pending move that finds its session paid; and by housekeeping for moves
 * whose session outlived its lifetime without a webhook.
 *
 * A paid top-up is always booked as a second charge on the order, in one transaction with its
 * effect: the move is applied when the order can still move; otherwise (the first shop printed
 * it meanwhile, or the move was canceled before the payment arrived) the move ends canceled and
 * the top-up is refunded. An expired session cancels a pending move. Idempotent: the charge id
 * is the ledger key and the move row is locked.
 *
 * `sessionId` is the session an event named, for a move whose session id was never recorded
 * (a crash right after Stripe created it); it must carry this move's id in its metadata.
 */
export async function completeOrderMove(moveId: string, sessionId?: string): Promise<TMoveOutcome> {
  const [move] = await db.select().from(orderMoves).where(eq(orderMoves.id, moveId));
  if (!move) throw new Error(`No order move ${moveId}.`);
  if (move.stripeChargeId) return outcomeOf(move);
  const id = move.stripeCheckoutSessionId ?? sessionId;
  if (!id) return outcomeOf(move);
  const session = await stripe().checkout.sessions.retrieve(id, { expand: ['payment_intent.latest_charge'] });
  if (session.metadata?.nearprint_order_move_id !== move.id) throw new Error(`Checkout session ${session.id} is not the top-up of move ${move.id}.`);
  const intent = session.payment_intent as Stripe.PaymentIntent | null;
  const charge = intent?.latest_charge as Stripe.Charge | null | undefined;
  if (session.payment_status === 'paid' && intent && charge?.status === 'succeeded') {
    const isToRefund = await bookTopUp(move, session.id, intent, charge);
    if (isToRefund) await settleMoveDifference(move.id);
    return outcomeOf((await db.select().from(orderMoves).where(eq(orderMoves.id, moveId)))[0]);
  }
  if (session.status === 'expired' && move.status === 'pending_payment') {
    await db.transaction(async (tx) => {
      const [canceled] = await tx
        .update(orderMoves)
        .set({ status: 'canceled', stripeCheckoutSessionId: session.id })
        .where(and(eq(orderMoves.id, move.id), eq(orderMoves.status, 'pending_payment')))
        .returning({ id: orderMoves.id });
      if (canceled)
        await appendEvent(
          { type: 'order.move_canceled', orderId: move.orderId, shopId: move.fromShopId, actor: 'stripe', data: { reason: 'The payment page for the difference expired unpaid.' } },
          tx,
        );
    });
    return 'canceled';
  }
  return outcomeOf(move);
}

function outcomeOf(move: Pick<TOrderMove, 'status'>): TMoveOutcome {
  return move.status === 'pending_payment' ? 'pending' : move.status;
}

/**
 * Books a paid top-up and applies its move, in one transaction (order row first, then the
 * move, as refunds lock). True when the move could not be applied and the top-up is to be
 * refunded (settleMoveDifference, after commit).
 */
async function bookTopUp(move: TOrderMove, sessionId: string, intent: Stripe.PaymentIntent, charge: Stripe.Charge): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, move.orderId)).for('update');
    const [locked] = await tx.select().from(orderMoves).where(eq(orderMoves.id, move.id)).for('update');
    if (locked.stripeChargeId) return false;
    const isBooked = await postLedgerTransaction(
      {
        kind: 'charge',
        stripeObjectId: charge.id,
        orderId: order.id,
        shopId: locked.toShopId,
        description: `Difference paid for moving ${order.number}`,
        currency: charge.currency,
        lines: [
          { account: 'stripe_balance', amountMinor: charge.amount },
          { account: 'customer_prepaid', amountMinor: -charge.amount },
        ],
      },
      tx,
    );
    if (!isBooked) throw new Error(`Charge ${charge.id} is already booked, but not on move ${move.id}.`);
    await tx.update(orderMoves).set({ stripeCheckoutSessionId: sessionId, stripePaymentIntentId: intent.id, stripeChargeId: charge.id }).where(eq(orderMoves.id, move.id));
    if (locked.status === 'pending_payment') {
      const summary = await orderLedgerSummary(order.id, tx);
      const platformFeeMinor = platformFeeFor(summary.paidMinor, await feeRuleAt(new Date(), tx));
      if (await applyOrderMove(tx, locked, { actor: 'stripe', platformFeeMinor })) {
        await tx.update(orderMoves).set({ differenceSettledAt: new Date() }).where(eq(orderMoves.id, move.id));
        return false;
      }
    }
    await tx.update(orderMoves).set({ status: 'canceled' }).where(eq(orderMoves.id, move.id));
    const reason =
      locked.status === 'pending_payment' ? 'The first shop started printing the order; the difference is refunded.' : 'The move was cancelled before its payment arrived; the difference is refunded.';
    await appendEvent({ type: 'order.move_failed', orderId: order.id, shopId: locked.fromShopId, actor: 'stripe', data: { reason } }, tx);
    return true;
  });
}
