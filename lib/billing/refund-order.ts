import { and, desc, eq, sql } from 'drizzle-orm';
import Stripe from 'stripe';
import { db } from '@/db/client';
import { orderMoves, orders, refunds, type TOrderStatus } from '@/db/schema/index';
import { bookRefund } from './book-refund';
import { orderLedgerSummary } from './ledger';
import { requestRefund, type TRefundKind } from './request-refund';
import { stripe } from './stripe-client';
import { AppError } from '@/lib/errors/app-error';

export type TRefundOrderRequest = {
  orderId: string;
  amountMinor?: number;
  kind: TRefundKind;
  reason: string;
  requestedBy: string;
  /** Refuse unless the order is in one of these states when the refund is reserved (requestRefund). */
  requireStatus?: readonly TOrderStatus[];
};

/** Still refundable: paid minus refunded minus refunds waiting for Stripe (minor units). */
export async function refundableMinor(orderId: string): Promise<number> {
  const summary = await orderLedgerSummary(orderId);
  const [pending] = await db
    .select({ sum: sql<number>`coalesce(sum(${refunds.amountMinor}), 0)::int` })
    .from(refunds)
    .where(and(eq(refunds.orderId, orderId), eq(refunds.status, 'pending')));
  return summary.paidMinor - summary.refundedMinor - pending.sum;
}

/**
 * Refunds an order whose money may come from two payments: the original Checkout and, after
 * the customer moved it to a dearer shop, the top-up for the difference (order_moves). Stripe
 * refunds a payment only up to its own amount, so top-ups are refunded first, newest first,
 * then the rest through requestRefund on the original payment. Each top-up refund is a
 * `refunds` row written before Stripe is asked, with its id as idempotency key, and is booked
 * in the ledger (bookRefund) once Stripe confirms, exactly as requestRefund does.
 * Not inside a transaction: it talks to Stripe.
 */
export async function refundOrder(request: TRefundOrderRequest): Promise<{ amountMinor: number }> {
  const refundable = await refundableMinor(request.orderId);
  const amount = request.amountMinor ?? refundable;
  if (refundable <= 0) throw new AppError('conflict', 'This order has already been refunded in full.');
  if (!Number.isInteger(amount) || amount <= 0 || amount > refundable) throw new AppError('bad_request', 'That amount cannot be refunded.');
  let left = amount;
  const topUps = await db
    .select()
    .from(orderMoves)
    .where(and(eq(orderMoves.orderId, request.orderId), sql`${orderMoves.stripePaymentIntentId} is not null`))
    .orderBy(desc(orderMoves.createdAt));
  for (const move of topUps) {
    const available = move.differenceMinor - move.topUpRefundedMinor;
    if (left <= 0 || available <= 0) continue;
    const part = Math.min(left, available);
    await refundTopUp(move.id, part, request);
    left -= part;
  }
  if (left > 0) await requestRefund({ ...request, amountMinor: left });
  return { amountMinor: amount };
}

async function refundTopUp(moveId: string, amountMinor: number, request: TRefundOrderRequest): Promise<void> {
  const reserved = await db.transaction(async (tx) => {
    const [move] = await tx.select().from(orderMoves).where(eq(orderMoves.id, moveId)).for('update');
    if (!move || move.differenceMinor - move.topUpRefundedMinor < amountMinor) throw new AppError('conflict', 'The top-up was refunded meanwhile; try again.');
    await tx
      .update(orderMoves)
      .set({ topUpRefundedMinor: move.topUpRefundedMinor + amountMinor })
      .where(eq(orderMoves.id, moveId));
    const [row] = await tx.insert(refunds).values({ orderId: request.orderId, amountMinor, kind: request.kind, reason: request.reason, requestedBy: request.requestedBy }).returning();
    return { move, row };
  });
  let refund: Stripe.Refund;
  try {
    refund = await stripe().refunds.create(
      { payment_intent: reserved.move.stripePaymentIntentId!, amount: amountMinor, metadata: { order_id: request.orderId, refund_id: reserved.row.id, order_move_id: moveId } },
      { idempotencyKey: `refund:${reserved.row.id}` },
    );
  } catch (error) {
    const message = error instanceof Stripe.errors.StripeError ? error.message : 'Stripe could not be reached.';
    await db.transaction(async (tx) => {
      await tx.update(refunds).set({ status: 'failed', failureMessage: message }).where(eq(refunds.id, reserved.row.id));
      await tx
        .update(orderMoves)
        .set({ topUpRefundedMinor: sql`${orderMoves.topUpRefundedMinor} - ${amountMinor}` })
        .where(eq(orderMoves.id, moveId));
    });
    throw error instanceof Stripe.errors.StripeError ? new AppError('conflict', `Stripe refused the refund: ${message}`, { cause: error }) : error;
  }
  const status = refund.status === 'succeeded' ? 'succeeded' : refund.status === 'failed' || refund.status === 'canceled' ? 'failed' : 'pending';
  // Order row first, as everywhere that books refunds (see request-refund.ts), so they cannot deadlock.
  await db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, request.orderId)).for('update');
    await tx
      .update(refunds)
      .set({ stripeRefundId: refund.id, status, failureMessage: refund.failure_reason ?? null })
      .where(eq(refunds.id, reserved.row.id));
    if (status === 'failed')
      await tx
        .update(orderMoves)
        .set({ topUpRefundedMinor: sql`${orderMoves.topUpRefundedMinor} - ${amountMinor}` })
        .where(eq(orderMoves.id, moveId));
    if (status === 'succeeded') await bookRefund(tx, order, { stripeRefundId: refund.id, amountMinor: refund.amount, reason: request.reason });
  });
}
